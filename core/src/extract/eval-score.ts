// Scoring for `npm run eval`: skill precision/recall per category and micro-averaged over the vocabulary
// ids (named skills only, inferred ones do not count), salary exact-match accuracy, and error tallies.
import type { Extraction, SalaryPeriod } from './types.ts'

export interface GoldSalary {
  min: number
  max: number
  currency: string
  period: SalaryPeriod
}

export interface GoldAd {
  id: string
  text: string
  gold: { skills: string[]; salary: GoldSalary | null }
}

export interface Counts {
  tp: number
  fp: number
  fn: number
}

export interface ErrorTally {
  kind: 'FP' | 'FN'
  skill: string
  count: number
  example: { ad: string; snippet: string }
}

export interface Score {
  micro: Counts
  byCategory: Map<string, Counts>
  salaryRight: number
  salaryTotal: number
  salaryErrors: { ad: string; gold: GoldSalary | null; got: string }[]
  errors: ErrorTally[]
}

export const prf = (c: Counts): { p: number; r: number; f1: number } => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 }
}

const within1pct = (a: number, b: number): boolean => Math.abs(a - b) <= 0.01 * Math.max(Math.abs(b), 1e-9)

export function salaryMatches(gold: GoldSalary | null, got: Extraction['salary']): boolean {
  if (!gold || !got) return gold === null && got === null
  return (
    got.currency === gold.currency &&
    got.period === gold.period &&
    within1pct(got.min, gold.min) &&
    within1pct(got.max, gold.max)
  )
}

function snippet(text: string, needle: string | undefined): string {
  const i = needle ? text.indexOf(needle) : -1
  const at = i < 0 ? 0 : i
  return text.slice(Math.max(0, at - 50), at + 60).replace(/\s+/g, ' ')
}

export function score(ads: GoldAd[], run: (ad: GoldAd) => Extraction, vocab: Map<string, string>): Score {
  const micro: Counts = { tp: 0, fp: 0, fn: 0 }
  const byCategory = new Map<string, Counts>()
  const tallies = new Map<string, ErrorTally>()
  const salaryErrors: Score['salaryErrors'] = []
  let salaryRight = 0
  const bump = (id: string, key: keyof Counts): void => {
    micro[key]++
    const cat = vocab.get(id) ?? '?'
    const c = byCategory.get(cat) ?? { tp: 0, fp: 0, fn: 0 }
    c[key]++
    byCategory.set(cat, c)
  }
  const note = (kind: 'FP' | 'FN', skill: string, ad: GoldAd, needle: string | undefined): void => {
    const key = `${kind} ${skill}`
    const t = tallies.get(key)
    if (t) t.count++
    else
      tallies.set(key, { kind, skill, count: 1, example: { ad: ad.id, snippet: snippet(ad.text, needle) } })
  }
  for (const ad of ads) {
    const out = run(ad)
    const got = new Map(out.skills.filter((s) => !s.inferred && vocab.has(s.id)).map((s) => [s.id, s]))
    const gold = new Set(ad.gold.skills)
    for (const id of gold) {
      if (got.has(id)) bump(id, 'tp')
      else {
        bump(id, 'fn')
        note('FN', id, ad, undefined)
      }
    }
    for (const [id, m] of got) {
      if (gold.has(id)) continue
      bump(id, 'fp')
      note('FP', id, ad, m.evidence[0])
    }
    if (salaryMatches(ad.gold.salary, out.salary)) salaryRight++
    else {
      const s = out.salary
      const shown = s ? `${s.min}-${s.max} ${s.currency}/${s.period} from "${s.raw}"` : 'null'
      salaryErrors.push({ ad: ad.id, gold: ad.gold.salary, got: shown })
    }
  }
  const errors = [...tallies.values()].sort((a, b) => b.count - a.count || a.skill.localeCompare(b.skill))
  return { micro, byCategory, salaryRight, salaryTotal: ads.length, salaryErrors, errors }
}
