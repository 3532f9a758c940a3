// Figure ids and number formats shared by the summary, the renderers and the traceability test.
// A figure id is `<table>/<row key>/<field>` (headline/ads/value, risers/python/changePoints): it
// names one number of a ReportDocument, and `formatFigure` writes it exactly as every renderer does,
// so a sentence's number can be checked against the figure it cites.
import type { FigureTable, ReportDocument } from '../../contracts/report-document.ts'

export type FigureUnit = 'count' | 'share' | 'points' | 'relative' | 'money' | 'p'

export function figureId(table: FigureTable, key: string, field: string): string {
  return `${table}/${key}/${field}`
}

const FIELD_UNITS: Record<string, FigureUnit> = {
  ads: 'count',
  previousAds: 'count',
  n: 'count',
  stored: 'count',
  expected: 'count',
  rank: 'count',
  previousRank: 'count',
  value: 'count',
  share: 'share',
  previousShare: 'share',
  changePoints: 'points',
  p: 'p',
  q: 'p',
  p25: 'money',
  median: 'money',
  p75: 'money',
}

/** The number a figure id names and how it is written; null when the id names nothing numeric. */
export function resolveFigure(doc: ReportDocument, id: string): { value: number; unit: FigureUnit } | null {
  const [table, key, field, extra] = id.split('/')
  if (!table || !key || !field || extra !== undefined) return null
  const rows = (doc as unknown as Record<string, unknown>)[table]
  if (!Array.isArray(rows)) return null
  const row = (rows as Record<string, unknown>[]).find((r) => r.key === key)
  const value = row?.[field]
  if (typeof value !== 'number') return null
  let unit = FIELD_UNITS[field]
  if (table === 'headline') {
    const headUnit = row!.unit as 'count' | 'share' | 'money'
    if (field === 'value' || field === 'previous') unit = headUnit
    else if (field === 'change') unit = headUnit === 'share' ? 'points' : 'relative'
  }
  return unit ? { value, unit } : null
}

export function formatFigure(doc: ReportDocument, id: string): string | null {
  const f = resolveFigure(doc, id)
  return f ? formatValue(f.value, f.unit, doc.spec.currency) : null
}

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const moneyFormats = new Map<string, Intl.NumberFormat>()

export function formatValue(value: number, unit: FigureUnit, currency = 'USD'): string {
  switch (unit) {
    case 'count':
      return counts.format(value)
    case 'share':
      return `${(value * 100).toFixed(1)}%`
    case 'points':
      return Math.abs(value).toFixed(1)
    case 'relative':
      return `${Math.abs(value * 100).toFixed(0)}%`
    case 'p':
      return value < 0.001 ? '< 0.001' : value.toFixed(3)
    case 'money': {
      let f = moneyFormats.get(currency)
      if (!f) {
        f = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 })
        moneyFormats.set(currency, f)
      }
      return f.format(value)
    }
  }
}

/** A signed change in points for tables: "+3.3", "−1.2" (true minus sign), "0.0". */
export function signedPoints(points: number): string {
  const text = Math.abs(points).toFixed(1)
  if (text === '0.0') return '0.0'
  return `${points > 0 ? '+' : '\u2212'}${text}`
}
