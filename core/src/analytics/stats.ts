// Small statistics used by the analytics layer: Wilson score interval, two-proportion z-test,
// the standard normal CDF, ranks and rounding. Pure functions; tests check them against
// independent computations.

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054

/** Wilson score interval for k successes of n (95% by default); [0, 0] when n = 0. */
export function wilson(k: number, n: number, z = Z95): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 0 }
  const p = k / n
  const z2 = z * z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

/**
 * Complementary error function, W. J. Cody's rational Chebyshev approximation as given in
 * Numerical Recipes (erfcc): fractional error below 1.2e-7 everywhere.
 */
export function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return x >= 0 ? r : 2 - r
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2)
}

/**
 * Two-proportion z-test (pooled), two-sided: is k1/n1 different from k2/n2? Null when either
 * sample is empty or nothing varies (both proportions 0 or both 1).
 */
export function twoProportionZTest(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
): { z: number; p: number } | null {
  if (n1 <= 0 || n2 <= 0) return null
  const pooled = (k1 + k2) / (n1 + n2)
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
  if (se === 0) return null
  const z = (k1 / n1 - k2 / n2) / se
  return { z, p: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) }
}

/**
 * Standard competition ranks ("1224") of items by a score, highest first; ties share a rank.
 * Returns ranks in the input order.
 */
export function competitionRanks(scores: readonly number[]): number[] {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0])
  const ranks = new Array<number>(scores.length)
  order.forEach(([s, i], pos) => {
    ranks[i] = pos > 0 && order[pos - 1]![0] === s ? ranks[order[pos - 1]![1]]! : pos + 1
  })
  return ranks
}

/** `ads` of a window's `total` as a share; null when the window holds no ads (it has no share). */
export function windowShare(ads: number, total: number): number | null {
  return total > 0 ? ads / total : null
}

/**
 * A share's change in percentage points from the previous window's share; null when either
 * window holds no ads (`total` 0, or `previousShare` null): a window without ads has no share, and
 * a change against it would be the other window's whole share.
 */
export function pointsChange(share: number, total: number, previousShare: number | null): number | null {
  return total > 0 && previousShare !== null ? round((share - previousShare) * 100, 4) : null
}

export function round(x: number, digits = 6): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Mean of each value with the k − 1 before it (null until k values exist). */
export function rollingMean(values: readonly number[], k: number): (number | null)[] {
  return values.map((_, i) =>
    i + 1 < k ? null : values.slice(i + 1 - k, i + 1).reduce((a, b) => a + b, 0) / k,
  )
}
