// The report's tests of change. A report looks at many skills at once, so a skill's rise counts as
// significant only after the Benjamini–Hochberg step-up over all ranked skills' p-values (false
// discovery rate ALPHA); single figures (work-mode share, ad volume) use p < ALPHA. Pure functions.
import { normalCdf } from '../../analytics/stats.ts'

export const ALPHA = 0.05

/**
 * Benjamini–Hochberg adjusted p-values (q) in the input order; null p stays null. q_i is the
 * smallest m·p_(j)/j over j ≥ rank(i), capped at 1.
 */
export function benjaminiHochberg(ps: readonly (number | null)[]): (number | null)[] {
  const present = ps
    .map((p, i) => [p, i] as const)
    .filter((x): x is readonly [number, number] => x[0] !== null)
  const m = present.length
  const sorted = [...present].sort((a, b) => a[0] - b[0])
  const q: (number | null)[] = ps.map(() => null)
  let running = 1
  for (let j = m - 1; j >= 0; j--) {
    const [p, i] = sorted[j]!
    running = Math.min(running, (p * m) / (j + 1))
    q[i] = Math.min(1, running)
  }
  return q
}

/**
 * Did the rate of ads per day change between two windows? Conditional test: given k1 + k2 ads, k1
 * is Binomial(k1 + k2, d1 / (d1 + d2)) when the daily rate is the same; normal approximation,
 * two-sided. Null when there are no ads at all.
 */
export function rateChangeTest(
  k1: number,
  days1: number,
  k2: number,
  days2: number,
): { z: number; p: number } | null {
  const n = k1 + k2
  if (n === 0 || days1 <= 0 || days2 <= 0) return null
  const pi = days1 / (days1 + days2)
  const z = (k1 - n * pi) / Math.sqrt(n * pi * (1 - pi))
  return { z, p: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) }
}

/** Days in an inclusive window of YYYY-MM-DD days. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
}
