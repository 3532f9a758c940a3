// `npm run eval`: measures the extractor on the labelled dev set (../shared/eval/dev.jsonl next to the
// repo, or EVAL_FILE). vocabulary.tsv is read from the same folder as the dev file.
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { prf, score, type Counts, type GoldAd } from './eval-score.ts'
import { extractAd } from './index.ts'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const devFile = process.env.EVAL_FILE ?? join(repoRoot, '../shared/eval/dev.jsonl')
const vocabFile = join(dirname(devFile), 'vocabulary.tsv')
const TOP_ERRORS = Number(process.env.EVAL_TOP ?? 25)

const vocab = new Map<string, string>()
for (const line of readFileSync(vocabFile, 'utf8').split('\n').slice(1)) {
  const [id, , category] = line.split('\t')
  if (id && category) vocab.set(id, category)
}
const ads: GoldAd[] = readFileSync(devFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as GoldAd)

const result = score(
  ads,
  (ad) => {
    const a = ad as GoldAd & { title?: string | null; company?: string | null; salary_text?: string | null }
    return extractAd({
      id: a.id,
      title: a.title,
      company: a.company,
      text: a.text,
      salary_text: a.salary_text,
    })
  },
  vocab,
)

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5)
const row = (label: string, c: Counts): string => {
  const { p, r, f1 } = prf(c)
  return `${label.padEnd(16)} P ${pct(p)}  R ${pct(r)}  F1 ${pct(f1)}   (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`
}

console.log(`Extractor eval on ${ads.length} ads from ${devFile}\n`)
console.log('Skills by category (vocabulary ids only, inferred skills not counted):')
for (const [cat, c] of [...result.byCategory].sort((a, b) => a[0].localeCompare(b[0])))
  console.log('  ' + row(cat, c))
const m = prf(result.micro)
console.log('\n  ' + row('MICRO', result.micro))
console.log(`\nSkills micro: precision ${m.p.toFixed(4)}  recall ${m.r.toFixed(4)}  F1 ${m.f1.toFixed(4)}`)
console.log(
  `Salary accuracy: ${result.salaryRight}/${result.salaryTotal} = ${(result.salaryRight / result.salaryTotal).toFixed(4)}` +
    ' (min, max, currency, period right, amounts within 1%; null gold must give null)',
)
console.log(`\nMost frequent skill errors (top ${TOP_ERRORS}):`)
for (const e of result.errors.slice(0, TOP_ERRORS)) {
  console.log(`  ${e.kind} ${e.skill.padEnd(14)} x${e.count}  e.g. ${e.example.ad}: "${e.example.snippet}"`)
}
console.log(`\nSalary errors (${result.salaryErrors.length}):`)
for (const e of result.salaryErrors) {
  const g = e.gold ? `${e.gold.min}-${e.gold.max} ${e.gold.currency}/${e.gold.period}` : 'null'
  console.log(`  ${e.ad}: gold ${g}, got ${e.got}`)
}
