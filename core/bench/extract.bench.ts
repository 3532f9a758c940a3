// `npm run bench:extract`: extraction throughput on one core over real-size (~2 KB) ads built from the dev
// set texts, compared with a naive one-regex-per-skill matcher, then RSS / heap sampled while extracting
// BENCH_ADS ads (default 1,000,000) to show memory stays flat.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { extractAd } from '../src/extract/index.ts'
import type { AdInput } from '../src/extract/types.ts'
import { SKILLS } from '../src/taxonomy/index.ts'

const AD_BYTES = 2048
const TOTAL = Number(process.env.BENCH_ADS ?? 1_000_000)
const SAMPLE_EVERY = Math.max(1, Math.floor(TOTAL / 10))
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const devFile = process.env.EVAL_FILE ?? join(repoRoot, '../shared/eval/dev.jsonl')

/** ~2 KB ads: dev texts joined back to back and cut, so every ad is real ad language of the target size. */
function buildAds(): AdInput[] {
  let texts: string[] = []
  if (existsSync(devFile)) {
    texts = readFileSync(devFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { text: string }).text)
  } else {
    texts = [
      'Acme | Senior Backend Engineer | Berlin | €70-90k\nWe use Go, Python, PostgreSQL, Kafka and Kubernetes on AWS.',
    ]
  }
  const stream = texts.join('\n\n')
  const ads: AdInput[] = []
  for (let i = 0; ads.length < 400; i = (i + AD_BYTES) % Math.max(1, stream.length - AD_BYTES)) {
    ads.push({ id: `bench:${ads.length}`, text: stream.slice(i, i + AD_BYTES) })
  }
  return ads
}

/** The baseline the product issue describes: one case-insensitive word regex per alias. */
function naiveMatcher(): (text: string) => string[] {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const rules = SKILLS.map((s) => {
    const names = [s.name, ...(s.aliases ?? []).map((a) => (typeof a === 'string' ? a : a.text))]
    return { id: s.id, re: new RegExp(`(?<![\\w.])(?:${names.map(escape).join('|')})(?![\\w])`, 'i') }
  })
  return (text) => rules.filter((r) => r.re.test(text)).map((r) => r.id)
}

function adsPerSecond(ads: AdInput[], run: (ad: AdInput) => unknown, minMs = 2000): number {
  for (const ad of ads) run(ad) // warm-up
  let n = 0
  const t0 = performance.now()
  while (performance.now() - t0 < minMs) {
    for (const ad of ads) run(ad)
    n += ads.length
  }
  return n / ((performance.now() - t0) / 1000)
}

const mb = (b: number): string => (b / 1024 / 1024).toFixed(1).padStart(7) + ' MB'

const ads = buildAds()
const avgBytes = ads.reduce((s, a) => s + a.text.length, 0) / ads.length
console.log(
  `Extractor bench: ${ads.length} distinct ads of ~${Math.round(avgBytes)} chars (from ${existsSync(devFile) ? devFile : 'built-in text'})`,
)

const fast = adsPerSecond(ads, extractAd)
const naive = naiveMatcher()
const slow = adsPerSecond(ads, (ad) => naive(ad.text))
console.log(
  `extractAd (skills + salary + facets): ${Math.round(fast).toLocaleString('en-US')} ads/s on one core`,
)
console.log(
  `naive per-skill regex (skills only, ${SKILLS.length} regexes): ${Math.round(slow).toLocaleString('en-US')} ads/s`,
)
console.log(`ratio extractAd / naive: ${(fast / slow).toFixed(2)}x`)

console.log(`\nMemory while extracting ${TOTAL.toLocaleString('en-US')} ads:`)
const t0 = performance.now()
let skillsSeen = 0
for (let i = 1; i <= TOTAL; i++) {
  const ad = ads[i % ads.length] as AdInput
  skillsSeen += extractAd({ ...ad, id: `m:${i}` }).skills.length
  if (i % SAMPLE_EVERY === 0 || i === 1) {
    const m = process.memoryUsage()
    console.log(
      `  after ${i.toLocaleString('en-US').padStart(9)} ads: rss ${mb(m.rss)}  heapUsed ${mb(m.heapUsed)}`,
    )
  }
}
const secs = (performance.now() - t0) / 1000
console.log(
  `done in ${secs.toFixed(1)} s (${Math.round(TOTAL / secs).toLocaleString('en-US')} ads/s, ${skillsSeen} skills)`,
)
