// Chart.js, loaded lazily by ./chart.ts: registers only the parts the dashboard draws (lines, bars,
// filled bands, tooltips, legend) and turns a ChartSpec into a Chart.js configuration: interval
// bands, dashed segments for incomplete periods, sample sizes in tooltips, theme colours that follow
// the light/dark switch. `data-points` on the canvas counts the values drawn (for end-to-end tests).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type Plugin,
  type ScriptableLineSegmentContext,
} from 'chart.js'
import { formatValue, PALETTE, stackedShareMax, type ChartSpec } from './chart'
import { cssVar, onThemeChange } from './theme'

Chart.register(
  LineController,
  BarController,
  LineElement,
  PointElement,
  BarElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  Filler,
)

const DASH = [6, 4]
const nf = new Intl.NumberFormat('en-US')

function alpha(hex: string, a: number): string {
  const n = Number.parseInt(hex.slice(1), 16)
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`
}

interface Built {
  config: ChartConfiguration
  /** Dataset indices that are series (not bands), by series index. */
  seriesIndex: number[]
}

function build(spec: ChartSpec): Built {
  const text = cssVar('--text-muted', '#55606e')
  const grid = cssVar('--border', '#d5dae1')
  const surface = cssVar('--surface', '#ffffff')
  const incomplete = spec.incomplete ?? []
  const datasets: ChartDataset[] = []
  const seriesIndex: number[] = []
  /** Band dataset indices of each series dataset, so the legend hides them together. */
  const bandsOf = new Map<number, number[]>()
  const manyPoints = spec.labels.length > 60

  spec.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length] ?? '#4e79a7'
    const dashedAll = s.dashed === true
    const bandStart = datasets.length
    if (spec.type === 'line' && spec.bands && s.low && s.high) {
      // Two invisible lines; the upper one fills down to the lower: the 95% interval.
      datasets.push({
        type: 'line',
        label: `${s.label} low`,
        hidden: s.hidden === true,
        data: s.low,
        borderWidth: 0,
        pointRadius: 0,
        pointHitRadius: 0,
        fill: false,
        spanGaps: false,
      } as ChartDataset)
      datasets.push({
        type: 'line',
        label: `${s.label} high`,
        hidden: s.hidden === true,
        data: s.high,
        borderWidth: 0,
        pointRadius: 0,
        pointHitRadius: 0,
        backgroundColor: alpha(color, spec.series.length > 3 ? 0.09 : 0.16),
        fill: '-1',
        spanGaps: false,
      } as ChartDataset)
    }
    seriesIndex.push(datasets.length)
    if (datasets.length > bandStart) bandsOf.set(datasets.length, [bandStart, bandStart + 1])
    if (spec.type === 'line') {
      datasets.push({
        type: 'line',
        label: s.label,
        data: s.values,
        hidden: s.hidden === true,
        borderColor: color,
        backgroundColor: color,
        borderWidth: 2,
        borderDash: dashedAll ? DASH : [],
        pointRadius: (ctx) => (manyPoints && !incomplete[ctx.dataIndex] ? 0 : 2.5),
        pointBackgroundColor: (ctx) => (incomplete[ctx.dataIndex] ? surface : color),
        pointHoverRadius: 4,
        tension: 0.2,
        spanGaps: false,
        fill: false,
        segment: {
          borderDash: (ctx: ScriptableLineSegmentContext) =>
            incomplete[ctx.p0DataIndex] || incomplete[ctx.p1DataIndex] ? DASH : undefined,
        },
      } as ChartDataset)
    } else {
      datasets.push({
        type: 'bar',
        label: s.label,
        data: s.values,
        hidden: s.hidden === true,
        backgroundColor: spec.labels.map((_, j) => (incomplete[j] ? alpha(color, 0.35) : color)),
        borderColor: color,
        borderWidth: spec.labels.map((_, j) => (incomplete[j] ? 1 : 0)),
        borderDash: DASH,
        stack: s.stack ?? (spec.stacked ? 'all' : `s${i}`),
      } as ChartDataset)
    }
  })

  const isSeries = new Set(seriesIndex)
  const shareMax = stackedShareMax(spec)
  const fmt = (v: number) => formatValue(v, spec.format, spec.currency)
  const valueAxis = spec.horizontal ? 'x' : 'y'
  const categoryAxis = spec.horizontal ? 'y' : 'x'

  const background: Plugin = {
    id: 'stackradarBackground',
    beforeDraw(chart) {
      const { ctx, width, height } = chart
      ctx.save()
      ctx.globalCompositeOperation = 'destination-over'
      ctx.fillStyle = cssVar('--surface', '#ffffff')
      ctx.fillRect(0, 0, width, height)
      ctx.restore()
    },
  }
  const pointCounter: Plugin = {
    id: 'stackradarPointCounter',
    afterUpdate(chart) {
      let count = 0
      chart.data.datasets.forEach((d, i) => {
        if (!isSeries.has(i) || !chart.isDatasetVisible(i)) return
        for (const v of d.data) if (v !== null && v !== undefined) count++
      })
      chart.canvas.dataset.points = String(count)
    },
  }

  const config: ChartConfiguration = {
    type: spec.type,
    data: { labels: spec.labels, datasets },
    plugins: [background, pointCounter],
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // No animation: a resize (or a print) never shows a chart caught mid-transition, and less work.
      animation: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      interaction: { mode: spec.horizontal ? 'nearest' : 'index', intersect: false, axis: categoryAxis },
      color: text,
      scales: {
        [valueAxis]: {
          beginAtZero: true,
          ...(shareMax !== undefined && { max: shareMax }),
          stacked: spec.stacked === true,
          title: spec.yTitle ? { display: true, text: spec.yTitle, color: text } : { display: false },
          ticks: { color: text, callback: (v) => fmt(Number(v)) },
          grid: { color: grid },
        },
        [categoryAxis]: {
          stacked: spec.stacked === true,
          ticks: { color: text, maxRotation: 0, autoSkip: true, autoSkipPadding: 12 },
          grid: { color: grid, display: spec.type === 'line' },
        },
      },
      plugins: {
        legend: {
          display: spec.legend ?? spec.series.length > 1,
          position: 'bottom',
          labels: {
            color: text,
            boxWidth: 12,
            boxHeight: 12,
            filter: (item) => item.datasetIndex === undefined || isSeries.has(item.datasetIndex),
          },
          onClick: (_e, item, legend) => {
            // Hide a series together with its band.
            const chart = legend.chart
            const i = item.datasetIndex ?? 0
            if (spec.onToggle) {
              spec.onToggle(seriesIndex.indexOf(i))
              return
            }
            const visible = chart.isDatasetVisible(i)
            for (const j of [i, ...(bandsOf.get(i) ?? [])]) chart.setDatasetVisibility(j, !visible)
            chart.update()
          },
        },
        tooltip: {
          filter: (item) => isSeries.has(item.datasetIndex),
          callbacks: {
            label: (ctx) => {
              const s = spec.series[seriesIndex.indexOf(ctx.datasetIndex)]
              const v = spec.horizontal ? ctx.parsed.x : ctx.parsed.y
              if (!s || v === null || v === undefined) return `${ctx.dataset.label ?? ''}: no data`
              const n = s.n?.[ctx.dataIndex]
              const total = s.total?.[ctx.dataIndex]
              const low = s.low?.[ctx.dataIndex]
              const high = s.high?.[ctx.dataIndex]
              let line = `${s.label}: ${fmt(v)}`
              if (n !== null && n !== undefined)
                line +=
                  total !== null && total !== undefined
                    ? ` (${nf.format(n)} of ${nf.format(total)} ads)`
                    : ` (n = ${nf.format(n)})`
              if (low !== null && low !== undefined && high !== null && high !== undefined)
                line += ` · 95%: ${fmt(low)}–${fmt(high)}`
              return line
            },
            footer: (items) => {
              const i = items[0]?.dataIndex
              return i !== undefined && incomplete[i] ? 'Incomplete period: not all ads captured yet' : ''
            },
          },
        },
      },
    },
  }
  return { config, seriesIndex }
}

/** Creates the chart on the canvas; returns update / destroy for the action in ./chart.ts. */
export function createChart(canvas: HTMLCanvasElement, initial: ChartSpec) {
  let spec = initial
  let chart = new Chart(canvas, build(spec).config)
  const rebuild = () => {
    // A new type or dataset layout is simplest and safest as a fresh chart.
    chart.destroy()
    chart = new Chart(canvas, build(spec).config)
  }
  const stopTheme = onThemeChange(rebuild)
  return {
    update(next: ChartSpec) {
      spec = next
      rebuild()
    },
    destroy() {
      stopTheme()
      chart.destroy()
      delete canvas.dataset.points
    },
  }
}
