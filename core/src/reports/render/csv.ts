// The report's tables as CSV: one file per table (raw numbers: shares 0..1, points, currency units),
// and the same files in one zip. csv-stringify quotes and escapes; fflate writes the zip.
import { stringify } from 'csv-stringify/sync'
import { strToU8, zipSync } from 'fflate'
import type { ReportDocument } from '../../contracts/report-document.ts'

export interface CsvFile {
  name: string
  content: string
}

type Row = Record<string, string | number | boolean | null>

function csv(rows: Row[], columns: string[]): string {
  return stringify(
    rows.map((r) => columns.map((c) => r[c] ?? '')),
    { header: true, columns, cast: { boolean: (b) => (b ? 'true' : 'false') } },
  )
}

const SKILL_COLUMNS = [
  'key',
  'name',
  'category',
  'rank',
  'ads',
  'share',
  'previousRank',
  'previousAds',
  'previousShare',
  'rankChange',
  'changePoints',
  'p',
  'q',
  'significant',
  'featured',
]

export function renderReportCsvFiles(doc: ReportDocument): CsvFile[] {
  const t = doc.trend
  const trendRows: Row[] = t.series.flatMap((s) =>
    t.periods.map((period, i) => ({
      period,
      kind: s.kind,
      series: s.key,
      name: s.name,
      ads: s.ads[i] ?? 0,
      total: t.totals[i] ?? 0,
      share: s.shares[i] ?? 0,
      complete: t.complete[i] ?? null,
    })),
  )
  const files: [string, Row[], string[]][] = [
    [
      'summary',
      doc.summary.map((s) => ({ ...s, figures: s.figures.join(' ') })),
      ['kind', 'text', 'figures'],
    ],
    [
      'headline',
      doc.headline as unknown as Row[],
      ['key', 'label', 'unit', 'value', 'previous', 'change', 'p', 'significant', 'n'],
    ],
    ['top-skills', doc.topSkills as unknown as Row[], SKILL_COLUMNS],
    ['risers', doc.risers as unknown as Row[], SKILL_COLUMNS],
    ['fallers', doc.fallers as unknown as Row[], SKILL_COLUMNS],
    ['new-skills', doc.newSkills as unknown as Row[], ['key', 'name', 'categoryLabel', 'ads', 'share']],
    [
      'salaries',
      doc.salaries.map((r) => ({ ...r, currency: doc.spec.currency })),
      ['group', 'name', 'employment', 'currency', 'n', 'withheld', 'p25', 'median', 'p75'],
    ],
    [
      'work-mode',
      doc.workMode as unknown as Row[],
      ['key', 'label', 'ads', 'share', 'previousAds', 'previousShare', 'changePoints', 'p', 'significant'],
    ],
    ['trend', trendRows, ['period', 'kind', 'series', 'name', 'ads', 'total', 'share', 'complete']],
    ['samples', doc.samples as unknown as Row[], ['key', 'label', 'value']],
    [
      'coverage',
      doc.coverage as unknown as Row[],
      ['source', 'month', 'ads', 'expected', 'stored', 'complete', 'suspect'],
    ],
    [
      'warnings',
      doc.warnings.map((s) => ({ ...s, figures: s.figures.join(' ') })),
      ['kind', 'text', 'figures'],
    ],
    ['sources', doc.sources as unknown as Row[], ['key', 'name', 'ads', 'attribution']],
  ]
  return files.map(([name, rows, columns]) => ({ name: `${name}.csv`, content: csv(rows, columns) }))
}

/** All CSV files in one zip (deterministic: fixed file times, so the same document gives the same bytes). */
export function renderReportCsvZip(doc: ReportDocument): Uint8Array {
  const mtime = new Date(doc.generatedAt)
  return zipSync(
    Object.fromEntries(renderReportCsvFiles(doc).map((f) => [f.name, [strToU8(f.content), { mtime }]])),
    { level: 6 },
  )
}
