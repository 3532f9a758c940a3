// `npm run bench:report`: time to build one report (document from the analytics layer, HTML, PDF
// through Chromium, CSV zip) on the core analytics fixture, and on the recorded HN 2012–2018
// replay when ../shared/data is present (the 2017-W10 weekly report against 2017-W09, as the issue's
// "done when" asks, and the March 2017 monthly report). Prints figures; asserts nothing about time.
// REPORT_DATA_DIR: a directory that holds (or will keep) the replay, so later runs skip loading it.
// REPORT_PDF_OUT: where to write the HN weekly PDF (for docs/report-first-page.png).
import { existsSync, writeFileSync } from 'node:fs'
import { createApp } from '@stackradar/api'
import type { RankingsResponse } from '@stackradar/core/contracts/api'
import { logger } from '@stackradar/core/logger'
import { InProcessQueue } from '@stackradar/core/queue'
import { NO_FILTERS } from '@stackradar/core/analytics'
import { fixtureSet, openTempClickHouse, writeAds } from '@stackradar/core/analytics/testing'
import { createClickHouse, migrate } from '@stackradar/core/clickhouse'
import type { ClickHouseClient } from '@clickhouse/client'
import {
  buildReportDocument,
  createPdfPrinter,
  renderReportCsvZip,
  renderReportHtml,
  renderReportJson,
  type PdfPrinter,
  type ReportSpecInput,
} from '@stackradar/core/reports'
import { hasReplayCorpus } from '../support/replay-site.ts'
import { runReplay, type ReplayRun } from '../support/replay-run.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const ms = (t0: number) => Date.now() - t0
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function timeReport(ch: ClickHouseClient, printer: PdfPrinter, name: string, spec: ReportSpecInput) {
  const rows: { doc: number; html: number; pdf: number; csv: number; total: number }[] = []
  let pdf: Uint8Array = new Uint8Array()
  let summary: string[] = []
  let doc: Awaited<ReturnType<typeof buildReportDocument>> | undefined
  let bytes = 0
  for (let i = 0; i < RUNS; i++) {
    const t0 = Date.now()
    doc = await buildReportDocument(ch, spec)
    const t1 = Date.now()
    const html = renderReportHtml(doc)
    const t2 = Date.now()
    pdf = await printer.print(html, { footerText: `${doc.spec.title} · ${doc.spec.period.label}` })
    const t3 = Date.now()
    bytes = renderReportCsvZip(doc).length + renderReportJson(doc).length
    rows.push({ doc: t1 - t0, html: t2 - t1, pdf: t3 - t2, csv: ms(t3), total: ms(t0) })
    summary = doc.summary.map((s) => s.text)
  }
  const m = (k: keyof (typeof rows)[number]) => median(rows.map((r) => r[k]))
  console.log(
    `${name.padEnd(34)} document ${String(m('doc')).padStart(5)} ms  html ${String(m('html')).padStart(3)} ms  ` +
      `pdf ${String(m('pdf')).padStart(5)} ms  csv+json ${String(m('csv')).padStart(3)} ms  ` +
      `total ${String(m('total')).padStart(5)} ms  (median of ${RUNS}; first run ${rows[0]!.total} ms; ` +
      `pdf ${Math.round(pdf.length / 1024)} KB, csv+json ${Math.round(bytes / 1024)} KB)`,
  )
  return { pdf, summary, doc: doc! }
}

/** The weekly report's ranked figures against GET /api/v1/rankings for the same window and filters. */
async function checkAgainstApi(ch: ClickHouseClient, doc: Awaited<ReturnType<typeof buildReportDocument>>) {
  const app = createApp({ ch, queue: new InProcessQueue(), log: logger('bench'), sources: [] })
  const { period, comparison, minCount } = doc.spec
  const q = `from=${period.from}&to=${period.to}&compare_from=${comparison.from}&compare_to=${comparison.to}&min_count=${minCount}&limit=200`
  const api = (await (await app.request(`/api/v1/rankings?${q}`)).json()) as RankingsResponse
  const all = [...api.ranked, ...api.belowMinimum]
  const mismatches = [...doc.topSkills, ...doc.risers, ...doc.fallers].filter((r) => {
    const a = all.find((x) => x.skill === r.key)
    return !a || a.ads !== r.ads || a.share !== r.share || a.changePoints !== r.changePoints || a.p !== r.p
  })
  const totals =
    api.window.total === doc.headline[0]!.value && api.compareWindow.total === doc.headline[0]!.previous
  console.log(
    `  figures vs /api/v1/rankings: totals ${totals ? 'equal' : 'DIFFER'}, ${mismatches.length} of ${doc.topSkills.length + doc.risers.length + doc.fallers.length} skill rows differ`,
  )
}

const printer = await createPdfPrinter()
try {
  const t0 = Date.now()
  const fixture = await openTempClickHouse()
  await writeAds(fixture, fixtureSet())
  console.log(`fixture loaded (300 ads) in ${ms(t0)} ms`)
  await timeReport(fixture.client, printer, 'fixture: 2017 vs 2016', {
    title: 'Fixture yearly',
    filters: NO_FILTERS,
    period: { from: '2017-01-01', to: '2017-12-31', label: '2017' },
    comparison: { from: '2016-01-01', to: '2016-12-31', label: '2016' },
  })
  await fixture.close()

  const dataDir = process.env.REPORT_DATA_DIR
  const reuse = dataDir && existsSync(`${dataDir}/clickhouse`)
  if (!reuse && !hasReplayCorpus()) {
    console.log('HN replay: ../shared/data/hn-html-2012-2018 not found; skipped.')
  } else {
    let run: ReplayRun | undefined
    let own: Awaited<ReturnType<typeof createClickHouse>> | undefined
    if (reuse) {
      own = await createClickHouse({
        DATA_DIR: dataDir,
        CLICKHOUSE_URL: undefined,
        CLICKHOUSE_USER: 'default',
        CLICKHOUSE_PASSWORD: '',
        CLICKHOUSE_DATABASE: 'stackradar',
      })
      await migrate(own.client)
      console.log(`HN replay: reusing ${dataDir}`)
    } else {
      process.env.LOG_LEVEL ??= 'error'
      run = await runReplay(dataDir ? { dataDir } : {})
      console.log(`HN replay loaded: ${run.manifestAds} ads in ${run.seconds.toFixed(0)} s`)
    }
    const ch = own?.client ?? run!.runtime.ch.client
    try {
      const weekly = await timeReport(ch, printer, 'HN: 2017-W10 vs 2017-W09', {
        title: 'Backend market weekly',
        audience: 'Acme Recruiting',
        skills: ['python', 'go', 'java', 'ruby', 'javascript'],
        filters: NO_FILTERS,
        period: { from: '2017-03-06', to: '2017-03-12', label: '2017-W10' },
        comparison: { from: '2017-02-27', to: '2017-03-05', label: '2017-W09' },
      })
      if (process.env.REPORT_PDF_OUT) {
        writeFileSync(process.env.REPORT_PDF_OUT, weekly.pdf)
        console.log(`  wrote ${process.env.REPORT_PDF_OUT}`)
      }
      for (const s of weekly.summary) console.log(`  · ${s}`)
      await checkAgainstApi(ch, weekly.doc)
      const monthly = await timeReport(ch, printer, 'HN: March 2017 vs February 2017', {
        title: 'Backend market monthly',
        categories: ['language', 'database', 'cloud', 'containers'],
        filters: NO_FILTERS,
        period: { from: '2017-03-01', to: '2017-03-31', label: 'March 2017' },
        comparison: { from: '2017-02-01', to: '2017-02-28', label: 'February 2017' },
      })
      for (const s of monthly.summary) console.log(`  · ${s}`)
    } finally {
      await run?.close()
      await own?.close()
    }
  }
} finally {
  await printer.close()
}
