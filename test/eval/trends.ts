// `npm run eval:trends`: replays the recorded 2012–2018 HN pages (../shared/data, never committed)
// through the HN page parser and the extractor, no database. Prints each skill's share of ads over
// the whole corpus, samples 10 counted ads for each of the 40 most frequent skills (fixed seed) and
// writes them with their evidence in context to a review file. When the judged review
// (docs/eval-trends-review.md) exists, its judgments are carried over to the matching samples and
// the script prints how many are right, overall and per skill.
//
//   EVAL_TRENDS_OUT     where the fresh review goes (default: <tmp>/eval-trends-review.md)
//   EVAL_TRENDS_JUDGED  the judged review (default: docs/eval-trends-review.md)
//   EVAL_TRENDS_SHARES  also write {skill: share} of every skill as JSON here (before/after compare)
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { extractAd } from '@stackradar/core/extract'
import { parseThreadPage } from '@stackradar/scraper'
import { hasReplayCorpus, loadManifest, SHARED_DATA } from '../support/replay-site.ts'
import { parseJudged, renderReview, tally, type Sample } from './trends-review.ts'

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TOP_SKILLS = 40
const PER_SKILL = 10
const SEED = 20261130
const WATCHED = [
  'ruby',
  'rails',
  'express',
  'nodejs',
  'spring',
  'java',
  'hadoop',
  'go',
  'python',
  'kubernetes',
]

if (!hasReplayCorpus()) {
  console.error('eval:trends needs ../shared/data/hn-html-2012-2018 next to the repo; not found.')
  process.exit(2)
}

interface ReplayAd {
  id: string
  text: string
}

function readCorpus(): ReplayAd[] {
  const ads: ReplayAd[] = []
  for (const entry of loadManifest()) {
    const html = gunzipSync(readFileSync(join(SHARED_DATA, 'hn-html-2012-2018', entry.file))).toString('utf8')
    const threadId = String(entry.thread_id)
    const page = parseThreadPage(html, {
      threadId,
      threadCreatedAt: new Date(`${entry.month}-01T15:00:00Z`),
      pageUrl: `https://news.ycombinator.com/item?id=${threadId}`,
    })
    for (const ad of page.ads) ads.push({ id: `hn:${ad.sourceId}`, text: ad.text })
  }
  return ads
}

/**
 * A stable pseudo-random rank of an ad for a skill (FNV-1a of seed, skill and ad id): the sample is
 * the 10 lowest-ranked ads, so an ad that stops or starts counting moves at most one sample.
 */
function rank(skill: string, adId: string): number {
  let h = 2166136261 ^ SEED
  for (const c of `${skill}|${adId}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0
  h ^= h >>> 13
  return Math.imul(h, 0x5bd1e995) >>> 0
}

/** About one sentence around the evidence, on one line, at most ~200 characters. */
function context(text: string, evidence: string): string {
  const re = new RegExp(`(?<![\\w])${evidence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`)
  const at = text.search(re)
  if (at < 0) return evidence
  const from = Math.max(0, at - 100)
  const to = Math.min(text.length, at + evidence.length + 100)
  let before = text.slice(from, at)
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'))
  if (cut >= 0) before = before.slice(cut + 1)
  let after = text.slice(at + evidence.length, to)
  const stop = after.search(/\.\s|\n/)
  if (stop >= 0) after = after.slice(0, stop + 1)
  const one = (s: string): string => s.replace(/\s+/g, ' ')
  return `${one(before).trimStart()}**${one(evidence)}**${one(after).trimEnd()}`
}

const corpus = readCorpus()
const started = performance.now()
const counted = new Map<string, { ad: ReplayAd; evidence: string }[]>()
// What trends counted before inferred parents were left out (Rails → Ruby): for the before/after note.
const withInferred = new Map<string, number>()
for (const ad of corpus) {
  const out = extractAd({ id: ad.id, text: ad.text, source: 'hn' })
  for (const s of out.skills) {
    withInferred.set(s.id, (withInferred.get(s.id) ?? 0) + 1)
    if (s.inferred) continue
    const list = counted.get(s.id) ?? []
    list.push({ ad, evidence: s.evidence[0] ?? '' })
    counted.set(s.id, list)
  }
}
const extractSeconds = (performance.now() - started) / 1000
console.log(
  `${corpus.length} ads replayed; extraction took ${extractSeconds.toFixed(1)} s in one process ` +
    `(${Math.round(corpus.length / extractSeconds)} ads/s)\n`,
)

const share = (id: string): number => (counted.get(id)?.length ?? 0) / corpus.length
const pct = (x: number): string => `${(100 * x).toFixed(2)}%`
console.log('Share of ads over 2012–2018: named only (what trends count) | with inferred parents:')
for (const id of WATCHED) {
  const named = counted.get(id)?.length ?? 0
  const all = withInferred.get(id) ?? 0
  console.log(
    `  ${id.padEnd(12)} ${pct(share(id)).padStart(7)} (${named} ads) | ${pct(all / corpus.length).padStart(7)} (${all} ads)`,
  )
}
if (process.env.EVAL_TRENDS_SHARES) {
  const all = Object.fromEntries([...counted.keys()].sort().map((id) => [id, Number(share(id).toFixed(6))]))
  writeFileSync(process.env.EVAL_TRENDS_SHARES, JSON.stringify(all, null, 1) + '\n')
}

const top = [...counted.entries()]
  .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
  .slice(0, TOP_SKILLS)
const samples: Sample[] = []
for (const [skill, list] of top) {
  const picks = list
    .map((c) => ({ c, r: rank(skill, c.ad.id) }))
    .sort((x, y) => x.r - y.r || x.c.ad.id.localeCompare(y.c.ad.id))
    .slice(0, PER_SKILL)
  for (const { c } of picks)
    samples.push({ skill, ad: c.ad.id, context: context(c.ad.text, c.evidence), judgment: '', reason: '' })
}

const judgedFile = process.env.EVAL_TRENDS_JUDGED ?? join(REPO_ROOT, 'docs/eval-trends-review.md')
const judged = existsSync(judgedFile) ? parseJudged(readFileSync(judgedFile, 'utf8')) : new Map()
for (const s of samples) {
  const j = judged.get(`${s.skill}|${s.ad}`)
  if (j) Object.assign(s, { judgment: j.judgment, reason: j.reason })
}
const outFile = process.env.EVAL_TRENDS_OUT ?? join(tmpdir(), 'eval-trends-review.md')
writeFileSync(outFile, renderReview(samples, SEED))
console.log(`\n${samples.length} samples (${top.length} skills × ${PER_SKILL}) written to ${outFile}`)

if (judged.size === 0) {
  console.log(`No judged review at ${judgedFile}: judge the samples there to get the score.`)
} else {
  const t = tally(samples)
  console.log(`\nJudged review ${judgedFile}:`)
  for (const [skill, c] of t.bySkill) {
    const flag = c.right / Math.max(1, c.judged) < 0.9 ? '  < 90%' : ''
    console.log(
      `  ${skill.padEnd(14)} ${c.right}/${c.judged} right${c.unjudged ? `, ${c.unjudged} not judged` : ''}${flag}`,
    )
  }
  console.log(
    `\nRight overall: ${t.right}/${t.judged} = ${pct(t.right / Math.max(1, t.judged))}` +
      (t.unjudged ? `; ${t.unjudged} samples not judged yet (new since the review)` : ''),
  )
}
