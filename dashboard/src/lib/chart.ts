// The one place that touches Chart.js. Only the pieces the line chart uses are registered,
// so the rest of Chart.js is tree-shaken out of the bundle.
import {
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js'
import type { Action } from 'svelte/action'

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend)

export type LineChartConfig = ChartConfiguration<'line', (number | null)[], string>

/** Non-null values of the datasets currently shown (legend clicks can hide some). */
function countDrawnPoints(chart: Chart): number {
  let count = 0
  chart.data.datasets.forEach((dataset, i) => {
    if (!chart.isDatasetVisible(i)) return
    for (const value of dataset.data) if (value !== null && value !== undefined) count++
  })
  return count
}

// Publishes `data-points` on the canvas after every update, so end-to-end tests can prove
// that the chart really drew data without reading pixels.
const pointCounter: Plugin = {
  id: 'stackradarPointCounter',
  afterUpdate(chart) {
    chart.canvas.dataset.points = String(countDrawnPoints(chart))
  },
}

/** Svelte action: `<canvas use:lineChart={config}>` creates, updates and destroys the chart. */
export const lineChart: Action<HTMLCanvasElement, LineChartConfig> = (canvas, config) => {
  const chart = new Chart(canvas, { ...config, plugins: [...(config.plugins ?? []), pointCounter] })
  return {
    update(next: LineChartConfig) {
      chart.data = next.data
      if (next.options) chart.options = next.options
      chart.update()
    },
    destroy() {
      chart.destroy()
      delete canvas.dataset.points
    },
  }
}
