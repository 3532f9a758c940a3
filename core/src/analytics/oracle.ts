// Independent computations for the analytics tests (plain TypeScript, no shared code with the
// query layer): percentiles by linear interpolation, the normal tail by numerical integration,
// Wilson bounds by solving their defining quadratic.

/** Linear interpolation between order statistics at h = (n − 1)·p (Excel PERCENTILE.INC). */
export function percentile(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b)
  const h = (v.length - 1) * p
  const lo = Math.floor(h)
  return lo + 1 < v.length ? v[lo]! + (h - lo) * (v[lo + 1]! - v[lo]!) : v[lo]!
}

/** P(|Z| ≥ |z|) by Simpson's rule over the normal density from |z| to 12. */
export function twoSidedP(z: number): number {
  const a = Math.abs(z)
  const b = 12
  const n = 20_000
  const h = (b - a) / n
  const pdf = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI)
  let s = pdf(a) + pdf(b)
  for (let i = 1; i < n; i++) s += pdf(a + i * h) * (i % 2 ? 4 : 2)
  return Math.min(1, 2 * ((s * h) / 3))
}

/** Pooled two-proportion z statistic, written out from the textbook formula. */
export function zStatistic(k1: number, n1: number, k2: number, n2: number): number {
  const p1 = k1 / n1
  const p2 = k2 / n2
  const p = (k1 + k2) / (n1 + n2)
  return (p1 - p2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
}

/** The two p with (p̂ − p)² = z²·p(1 − p)/n, i.e. the Wilson bounds, via the quadratic formula. */
export function wilsonByQuadratic(k: number, n: number, z = 1.959963984540054): [number, number] {
  const ph = k / n
  const a = 1 + (z * z) / n
  const b = -(2 * ph + (z * z) / n)
  const c = ph * ph
  const d = Math.sqrt(b * b - 4 * a * c)
  return [(-b - d) / (2 * a), (-b + d) / (2 * a)]
}

/** Competition ranks by brute force: 1 + how many score strictly higher. */
export function bruteRanks(scores: number[]): number[] {
  return scores.map((s) => 1 + scores.filter((o) => o > s).length)
}
