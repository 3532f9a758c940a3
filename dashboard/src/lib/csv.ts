// CSV downloads built in the browser from the same rows a chart or table shows (RFC 4180 quoting,
// a formula guard so a spreadsheet never runs a cell). Where the API serves the rows itself
// (`format=csv` on analytics endpoints) a page may link to that instead.
// Usage: downloadCsv('trends.csv', specToCsv(spec))  ·  downloadCsv('x.csv', toCsv(['a','b'], [[1,2]]))
import type { ChartSpec } from './chart'

type Cell = string | number | boolean | null | undefined

function cell(value: Cell): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  // Text that a spreadsheet would read as a formula is prefixed with a quote (OWASP CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [columns, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}

/** One row per label and series: the numbers behind a chart, with bounds and sample sizes when known. */
export function specToCsv(spec: ChartSpec, labelColumn = 'period'): string {
  const hasBounds = spec.series.some((s) => s.low && s.high)
  const hasN = spec.series.some((s) => s.n)
  const hasTotal = spec.series.some((s) => s.total)
  const columns = [labelColumn, 'series', 'value']
  if (hasBounds) columns.push('low', 'high')
  if (hasN) columns.push('n')
  if (hasTotal) columns.push('total')
  if (spec.incomplete) columns.push('complete')
  const rows: Cell[][] = []
  spec.labels.forEach((label, i) => {
    for (const s of spec.series) {
      const row: Cell[] = [label, s.label, s.values[i]]
      if (hasBounds) row.push(s.low?.[i], s.high?.[i])
      if (hasN) row.push(s.n?.[i])
      if (hasTotal) row.push(s.total?.[i])
      if (spec.incomplete) row.push(!spec.incomplete[i])
      rows.push(row)
    }
  })
  return toCsv(columns, rows)
}

export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename.endsWith('.csv') ? filename : `${filename}.csv`
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
