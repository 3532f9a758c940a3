// renderReportHtml: a ReportDocument as one self-contained printable HTML page (cover with the
// audience, headline cards and the summary; tables of skills, risers and fallers, trend, salaries,
// work mode, new skills; sample sizes, coverage warnings; method and sources). Every text that
// comes from the spec or the data goes through esc(); numbers through the same formatters as the
// summary (figures.ts), so the page and the sentences always agree.
import type { HeadlineRow, ReportDocument, SkillRow } from '../../contracts/report-document.ts'
import { formatValue, signedPoints } from '../build/figures.ts'
import { describeFilters } from '../build/method.ts'
import { monthName } from '../build/summary.ts'
import { REPORT_CSS } from './html-style.ts'
import { sparkline } from './sparkline.ts'

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
}

const day = (d: string) =>
  new Date(`${d}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
const range = (w: { from: string; to: string; label: string }) =>
  `${esc(w.label)} (${day(w.from)} – ${day(w.to)})`
const count = (n: number) => formatValue(n, 'count')
// A share of a window without ads is unknown (null): a dash, never 0%.
const pct = (n: number | null) => (n === null ? '–' : formatValue(n, 'share'))
const pq = (v: number | null) => (v === null ? '–' : formatValue(v, 'p'))

export interface HtmlOptions {
  /** A link to this run (share link), printed on the cover and in the footer. */
  link?: string
}

export function renderReportHtml(doc: ReportDocument, opts: HtmlOptions = {}): string {
  const { spec } = doc
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(spec.title)} – ${esc(spec.period.label)}</title>
<style>${REPORT_CSS}</style></head>
<body><main>
${cover(doc, opts)}
${topSkillsSection(doc)}
${movesSection(doc)}
${trendSection(doc)}
${salarySection(doc)}
${workModeSection(doc)}
${newSkillsSection(doc)}
${samplesSection(doc)}
${methodSection(doc, opts)}
</main></body></html>
`
}

function cover(doc: ReportDocument, opts: HtmlOptions): string {
  const { spec } = doc
  const audience = spec.audience
    ? `<p class="audience">Prepared for <strong>${esc(spec.audience)}</strong></p>`
    : ''
  const link = opts.link ? `<dt>Online</dt><dd>${esc(opts.link)}</dd>` : ''
  const warnings = doc.warnings.length
    ? `<div class="warnings"><h3>Read with care</h3><ul>${doc.warnings.map((w) => `<li>${esc(w.text)}</li>`).join('')}</ul></div>`
    : ''
  const summary = doc.summary.length
    ? `<div class="summary"><h3>Summary</h3><ul>${doc.summary.map((s) => `<li>${esc(s.text)}</li>`).join('')}</ul></div>`
    : ''
  return `<section class="cover">
<div class="band"><div class="brand"><b>StackRadar</b> · backend job market report</div>
<h1>${esc(spec.title)}</h1>${audience}
<dl class="meta"><dt>Period</dt><dd>${range(spec.period)}</dd>
<dt>Compared with</dt><dd>${range(spec.comparison)}</dd>
<dt>Filters</dt><dd>${esc(describeFilters(spec))}</dd>
<dt>Generated</dt><dd>${esc(doc.generatedAt.slice(0, 16).replace('T', ' '))} UTC</dd>${link}</dl></div>
<div class="cards">${doc.headline.map((h) => card(doc, h)).join('')}</div>
${summary}${glance(doc)}${warnings}
</section>`
}

/** The cover's top skills as bars: share now, the comparison share as a tick, change in points. */
function glance(doc: ReportDocument): string {
  const rows = doc.topSkills.filter((r) => r.rank !== null).slice(0, 8)
  if (!rows.length) return ''
  const max = Math.max(...rows.flatMap((r) => [r.share, r.previousShare ?? 0]), 1e-9)
  const bar = (share: number) => `${((share / max) * 100).toFixed(1)}%`
  // No tick where the comparison window holds no ads.
  const tick = (share: number | null) =>
    share === null ? '' : `<span class="tick" style="left:${bar(share)}"></span>`
  const body = rows
    .map(
      (r) =>
        `<tr><td class="name">${esc(r.name)}</td><td class="barcell"><div class="bar"><span class="fill" style="width:${bar(r.share)}"></span>${tick(r.previousShare)}</div></td><td class="n">${pct(r.share)}</td>${changeCell(r.changePoints, r.significant)}</tr>`,
    )
    .join('')
  return `<div class="glance"><h3>Top skills at a glance</h3><table><thead><tr><th>Skill</th><th>Share of ads (tick: ${esc(doc.spec.comparison.label)})</th><th class="n">Share</th><th class="n">Change (pts)</th></tr></thead><tbody>${body}</tbody></table></div>`
}

function card(doc: ReportDocument, h: HeadlineRow): string {
  const value =
    h.value !== null ? formatValue(h.value, h.unit, doc.spec.currency) : h.n === 0 ? '–' : 'withheld'
  let sub = ''
  if (h.key === 'ads' && h.previous !== null) {
    const change =
      h.change === null
        ? ''
        : ` · ${h.change >= 0 ? '+' : '\u2212'}${formatValue(h.change, 'relative')} per day`
    sub = `${count(h.previous)} in ${esc(doc.spec.comparison.label)}${change}${h.significant ? ' (significant)' : ''}`
  } else if (h.key === 'remote' && h.previous !== null) {
    sub = `${pct(h.previous)} before · ${signedPoints(h.change ?? 0)} pts${h.significant ? ' (significant)' : ''}`
  } else if (h.key === 'median_salary') {
    sub = h.n === 0 ? 'no ad in the period states a salary' : `n = ${count(h.n)} salaries`
  } else if (h.key === 'skills_ranked') {
    sub = `at least ${count(doc.spec.minCount)} ads each`
  }
  return `<div class="card"><div class="label">${esc(h.label)}</div><div class="value">${esc(value)}</div><div class="sub">${sub}</div></div>`
}

const changeCell = (points: number | null, significant: boolean) =>
  points === null
    ? '<td class="n muted">–</td>'
    : `<td class="n ${points > 0 ? 'up' : points < 0 ? 'down' : ''}${significant ? ' sig' : ''}">${signedPoints(points)}</td>`

/** The sentence for a comparison window without ads (nothing is compared with it), or null. */
function noComparison(doc: ReportDocument): string | null {
  return doc.headline.find((h) => h.key === 'ads')?.previous === 0
    ? `Nothing to compare: ${esc(doc.spec.comparison.label)} holds no ads.`
    : null
}

function skillTable(rows: SkillRow[], opts: { rank: boolean; empty?: string }): string {
  const head = opts.rank
    ? '<th class="n">Rank</th><th>Skill</th><th>Category</th><th class="n">Ads</th><th class="n">Share</th><th class="n">Before</th><th class="n">Change (pts)</th><th class="n">Rank move</th><th class="n">q</th>'
    : '<th>Skill</th><th class="n">Share</th><th class="n">Before</th><th class="n">Change (pts)</th><th class="n">q</th>'
  const body = rows
    .map((r) => {
      const tag = r.featured ? '<span class="tag">featured</span>' : ''
      const move =
        r.rankChange === null
          ? '–'
          : r.rankChange === 0
            ? '='
            : r.rankChange > 0
              ? `▲ ${r.rankChange}`
              : `▼ ${-r.rankChange}`
      const q = `<td class="n${r.significant ? ' sig' : ' muted'}">${pq(r.q)}</td>`
      return opts.rank
        ? `<tr><td class="n">${r.rank ?? '–'}</td><td class="name">${esc(r.name)}${tag}</td><td class="muted">${esc(r.categoryLabel)}</td><td class="n">${count(r.ads)}</td><td class="n">${pct(r.share)}</td><td class="n muted">${pct(r.previousShare)}</td>${changeCell(r.changePoints, r.significant)}<td class="n">${move}</td>${q}</tr>`
        : `<tr><td class="name">${esc(r.name)}</td><td class="n">${pct(r.share)}</td><td class="n muted">${pct(r.previousShare)}</td>${changeCell(r.changePoints, r.significant)}${q}</tr>`
    })
    .join('')
  return `<table><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="9" class="muted">${opts.empty ?? 'None.'}</td></tr>`}</tbody></table>`
}

const SIG_NOTE = `Bold change and q: significant (two-proportion z-test, Benjamini–Hochberg false discovery rate 5%). Before: share in the comparison window.`

function topSkillsSection(doc: ReportDocument): string {
  return `<section><h2>Top skills</h2>${skillTable(doc.topSkills, { rank: true })}<p class="note">${SIG_NOTE}</p></section>`
}

function movesSection(doc: ReportDocument): string {
  const empty = noComparison(doc) ?? undefined
  return `<section><h2>Risers and fallers</h2><div class="pair"><div><h3>Largest rises</h3>${skillTable(doc.risers, { rank: false, empty })}</div><div><h3>Largest falls</h3>${skillTable(doc.fallers, { rank: false, empty })}</div></div><p class="note">${SIG_NOTE} Only significant moves appear in the summary.</p></section>`
}

function trendSection(doc: ReportDocument): string {
  const t = doc.trend
  if (!t.series.length) return ''
  const max = Math.max(...t.series.flatMap((s) => s.shares))
  const unit = t.interval === 'week' ? 'weeks' : 'months'
  const first = t.periods[0] ?? ''
  const rows = t.series
    .map((s) => {
      const cur = s.shares.at(-1) ?? 0
      const avg = s.shares.reduce((a, b) => a + b, 0) / Math.max(1, s.shares.length)
      return `<tr><td class="name">${esc(s.name)}${s.kind === 'category' ? '<span class="tag">category</span>' : ''}</td><td>${sparkline(s.shares, t.complete, { max })}</td><td class="n">${pct(cur)}</td><td class="n muted">${pct(avg)}</td></tr>`
    })
    .join('')
  const incomplete = t.complete.some((c) => c === false)
    ? ' Hollow orange dots: periods whose capture is incomplete.'
    : ''
  return `<section><h2>Trend</h2><table><thead><tr><th>Series</th><th>Share of ads, ${t.periods.length} ${unit} from ${day(first)}</th><th class="n">Latest</th><th class="n">Average</th></tr></thead><tbody>${rows}</tbody></table><p class="note">One point per ${t.interval} (ads posted in it); all lines on the same scale, 0 to ${pct(max)}. Ads per ${t.interval}: ${t.totals.map(count).join(', ')}.${incomplete}</p></section>`
}

function salarySection(doc: ReportDocument): string {
  const money = (v: number | null) => (v === null ? '–' : formatValue(v, 'money', doc.spec.currency))
  const rows = doc.salaries
    .map((r) =>
      r.withheld
        ? `<tr><td class="name">${esc(r.name)}</td><td>${r.employment}</td><td class="n">${count(r.n)}</td><td class="muted" colspan="3">withheld: fewer than ${count(doc.spec.minSalaryN)} salaries</td></tr>`
        : `<tr><td class="name">${esc(r.name)}</td><td>${r.employment}</td><td class="n">${count(r.n)}</td><td class="n muted">${money(r.p25)}</td><td class="n"><b>${money(r.median)}</b></td><td class="n muted">${money(r.p75)}</td></tr>`,
    )
    .join('')
  return `<section><h2>Salaries (${esc(doc.spec.currency)} a year)</h2><table><thead><tr><th>Skill</th><th>Employment</th><th class="n">n</th><th class="n">25th pct</th><th class="n">Median</th><th class="n">75th pct</th></tr></thead><tbody>${rows || '<tr><td colspan="6" class="muted">No ads with a salary.</td></tr>'}</tbody></table><p class="note">Annualised midpoint of each advertised range, one value per job; n is the number of salaries behind each row.</p></section>`
}

function workModeSection(doc: ReportDocument): string {
  const rows = doc.workMode
    .map(
      (r) =>
        `<tr><td class="name">${esc(r.label)}</td><td class="n">${count(r.ads)}</td><td class="n">${pct(r.share)}</td><td class="n muted">${pct(r.previousShare)}</td>${changeCell(r.changePoints, r.significant)}<td class="n${r.significant ? ' sig' : ' muted'}">${pq(r.p)}</td></tr>`,
    )
    .join('')
  return `<section><h2>Remote, hybrid and on-site</h2><table><thead><tr><th>Work mode</th><th class="n">Ads</th><th class="n">Share</th><th class="n">Before</th><th class="n">Change (pts)</th><th class="n">p</th></tr></thead><tbody>${rows}</tbody></table><p class="note">Bold: significant (two-proportion z-test, p &lt; 0.05).</p></section>`
}

function newSkillsSection(doc: ReportDocument): string {
  const rows = doc.newSkills
    .map(
      (r) =>
        `<tr><td class="name">${esc(r.name)}</td><td class="muted">${esc(r.categoryLabel)}</td><td class="n">${count(r.ads)}</td><td class="n">${pct(r.share)}</td></tr>`,
    )
    .join('')
  return `<section><h2>New skills this period</h2><table><thead><tr><th>Skill</th><th>Category</th><th class="n">Ads</th><th class="n">Share</th></tr></thead><tbody>${rows || `<tr><td colspan="4" class="muted">${noComparison(doc) ?? `No skill with ads this period was absent from ${esc(doc.spec.comparison.label)}.`}</td></tr>`}</tbody></table><p class="note">Skills named in at least two ads of the period and in none of the comparison window.</p></section>`
}

function samplesSection(doc: ReportDocument): string {
  const samples = doc.samples
    .map((s) => `<tr><td>${esc(s.label)}</td><td class="n">${count(s.value)}</td></tr>`)
    .join('')
  const coverage = doc.coverage
    .map((c) => {
      const status = c.suspect
        ? 'suspect'
        : c.complete
          ? 'complete'
          : c.expected === null
            ? 'not stated by the source'
            : 'incomplete'
      return `<tr><td>${esc(doc.sources.find((s) => s.key === c.source)?.name ?? c.source)}</td><td>${esc(monthName(c.month))}</td><td class="n">${count(c.ads)}</td><td class="n">${c.expected === null ? '–' : count(c.expected)}</td><td class="n">${count(c.stored)}</td><td class="${status === 'complete' ? '' : 'muted'}">${status}</td></tr>`
    })
    .join('')
  const warnings = doc.warnings.length
    ? `<ul>${doc.warnings.map((w) => `<li>${esc(w.text)}</li>`).join('')}</ul>`
    : '<p class="muted">No warnings: samples and capture are within the report’s limits.</p>'
  return `<section><h2>Sample sizes and coverage</h2><table><thead><tr><th>Sample</th><th class="n">Count</th></tr></thead><tbody>${samples}</tbody></table>
<h3 style="margin-top:4mm">Capture per source and month</h3><table><thead><tr><th>Source</th><th>Month</th><th class="n">Ads posted</th><th class="n">Stated by source</th><th class="n">Stored</th><th>Capture</th></tr></thead><tbody>${coverage || '<tr><td colspan="6" class="muted">No coverage recorded.</td></tr>'}</tbody></table>
<h3 style="margin-top:4mm">Warnings</h3>${warnings}</section>`
}

function methodSection(doc: ReportDocument, opts: HtmlOptions): string {
  const sources = doc.sources
    .map(
      (s) =>
        `<tr><td class="name">${esc(s.name)}</td><td class="n">${count(s.ads)}</td><td>${esc(s.attribution)}</td></tr>`,
    )
    .join('')
  const link = opts.link ? ` This report online: ${esc(opts.link)}.` : ''
  return `<section class="method"><h2>Method and sources</h2>${doc.method.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}
<h3 style="margin-top:3mm">Sources</h3><table><thead><tr><th>Source</th><th class="n">Ads</th><th>Credit</th></tr></thead><tbody>${sources || '<tr><td colspan="3" class="muted">No ads in the period.</td></tr>'}</tbody></table></section>
<footer class="end">StackRadar report · document version ${doc.version} · generated ${esc(doc.generatedAt)}.${link}</footer>`
}
