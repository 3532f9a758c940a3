// The one place pages draw charts. A page describes a chart as a ChartSpec (periods, series with
// values, optional interval bounds, sample sizes and incomplete periods); `use:chart={spec}` draws it
// with Chart.js, which is loaded lazily (its own chunk, ./chart-engine.ts) so pages without charts
// and the first paint do not pay for it. The same spec gives the CSV (specToCsv in ./csv.ts).
//
// Usage:
//   const spec: ChartSpec = { type: 'line', labels, format: 'percent', series: [{ label: 'Go',
//     values, low, high, n, total }], incomplete, yTitle: '% of ads' }
//   <canvas use:chart={spec} aria-label="…"></canvas>      (ChartCard.svelte wraps this with
//   a title, PNG / CSV buttons, the incomplete-period note and the loading/empty/error states)
//   downloadPng(canvas, 'trends.png')
import type { Action } from 'svelte/action'

export type ValueFormat = 'percent' | 'count' | 'money' | 'number'

export interface SeriesSpec {
  label: string
  /** One value per label; null = no value (a gap). Percent series are 0..100. */
  values: (number | null)[]
  /** Lower / upper bound of the interval (same unit as values), drawn as a band when `bands` is on. */
  low?: (number | null)[]
  high?: (number | null)[]
  /** Sample size behind each value (ads that mention it) and the period's total, for tooltips. */
  n?: (number | null)[]
  total?: (number | null)[]
  color?: string
  /** Draw dashed all along (a rolling mean next to its raw series). */
  dashed?: boolean
  /** Stack group for stacked bars. */
  stack?: string
  /** Drawn struck-through in the legend and not plotted (the URL keeps which). */
  hidden?: boolean
}

export interface ChartSpec {
  type: 'line' | 'bar'
  labels: string[]
  series: SeriesSpec[]
  format: ValueFormat
  /** ISO currency for format 'money'. */
  currency?: string
  /** Periods not captured in full: their segments are dashed and their points hollow. */
  incomplete?: boolean[]
  bands?: boolean
  stacked?: boolean
  /** Horizontal bars (rankings of values). */
  horizontal?: boolean
  yTitle?: string
  /** Hide the legend (one series). */
  legend?: boolean
  /** Legend click: the page records the hidden series (in the URL) instead of the chart alone. */
  onToggle?: (seriesIndex: number) => void
}

/**
 * The value axis's top for stacked shares: 100% when no stack passes it. Shares that add up to
 * exactly 100 sum to a hair above it in floating point (100.00000000000001), and Chart.js then
 * rounded the axis up to 120%. A stack that truly passes 100 (beyond rounding) keeps the engine's
 * own scale. Undefined for other charts.
 */
export function stackedShareMax(spec: ChartSpec): number | undefined {
  if (!spec.stacked || spec.format !== 'percent') return undefined
  const sums = new Map<string, number>()
  for (const s of spec.series)
    s.values.forEach((v, j) => {
      const key = `${s.stack ?? 'all'}|${j}`
      sums.set(key, (sums.get(key) ?? 0) + (v ?? 0))
    })
  for (const sum of sums.values()) if (sum > 100 + 1e-6) return undefined
  return 100
}

/**
 * Tableau 20: ten distinct hues, then their light variants, so up to 20 series get their own colour
 * and dashes stay reserved for incomplete periods.
 */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#a0cbe8',
  '#ffbe7d',
  '#ff9d9a',
  '#499894',
  '#8cd17d',
  '#b6992d',
  '#d4a6c8',
  '#fabfd2',
  '#d7b5a6',
  '#79706e',
]

export function formatValue(value: number, format: ValueFormat, currency = 'USD'): string {
  switch (format) {
    case 'percent':
      return `${value.toFixed(value !== 0 && Math.abs(value) < 1 ? 2 : 1)}%`
    case 'money':
      return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
        value,
      )
    case 'count':
      return new Intl.NumberFormat('en-US').format(Math.round(value))
    default:
      return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value)
  }
}

type Engine = typeof import('./chart-engine')
let engine: Promise<Engine> | null = null
/** Start loading Chart.js early (a page with a chart calls it from its script). */
export function preloadChart(): Promise<Engine> {
  engine ??= import('./chart-engine')
  return engine
}

/** Svelte action: creates the chart once Chart.js is loaded, updates it with each new spec, destroys it. */
export const chart: Action<HTMLCanvasElement, ChartSpec> = (canvas, initial) => {
  let spec = initial
  let handle: { update(s: ChartSpec): void; destroy(): void } | null = null
  let destroyed = false
  void preloadChart().then((e) => {
    if (!destroyed) handle = e.createChart(canvas, spec)
  })
  return {
    update(next: ChartSpec) {
      spec = next
      handle?.update(next)
    },
    destroy() {
      destroyed = true
      handle?.destroy()
    },
  }
}

/** Save what the canvas shows as a PNG (the chart paints its own background first). */
export function downloadPng(canvas: HTMLCanvasElement, filename: string): void {
  const a = document.createElement('a')
  a.href = canvas.toDataURL('image/png')
  a.download = filename.endsWith('.png') ? filename : `${filename}.png`
  document.body.append(a)
  a.click()
  a.remove()
}
