import { describe, expect, it } from 'vitest'
import { bruteRanks, twoSidedP, wilsonByQuadratic, zStatistic } from './oracle.ts'
import { competitionRanks, rollingMean, twoProportionZTest, wilson } from './stats.ts'

describe('stats against independent computations', () => {
  it('Wilson bounds solve their quadratic', () => {
    for (const [k, n] of [
      [0, 10],
      [1, 10],
      [5, 10],
      [10, 10],
      [37, 412],
      [3, 7],
    ] as const) {
      const w = wilson(k, n)
      const [lo, hi] = wilsonByQuadratic(k, n)
      expect(w.low).toBeCloseTo(lo, 10)
      expect(w.high).toBeCloseTo(hi, 10)
    }
    expect(wilson(0, 0)).toEqual({ low: 0, high: 0 })
  })

  it('z-test p-values match numerical integration of the normal tail', () => {
    for (const [k1, n1, k2, n2] of [
      [30, 100, 20, 100],
      [120, 400, 60, 350],
      [5, 40, 6, 45],
      [300, 1000, 200, 1000],
    ] as const) {
      const t = twoProportionZTest(k1, n1, k2, n2)!
      expect(t.z).toBeCloseTo(zStatistic(k1, n1, k2, n2), 10)
      expect(Math.abs(t.p - twoSidedP(t.z))).toBeLessThan(1e-6)
    }
    expect(twoProportionZTest(0, 10, 0, 10)).toBeNull()
    expect(twoProportionZTest(1, 0, 0, 10)).toBeNull()
  })

  it('competition ranks give ties one rank and skip the next', () => {
    const scores = [5, 9, 5, 1, 9, 7]
    expect(competitionRanks(scores)).toEqual(bruteRanks(scores))
    expect(competitionRanks(scores)).toEqual([4, 1, 4, 6, 1, 3])
  })

  it('rolling mean waits for k values', () => {
    expect(rollingMean([1, 2, 3, 4], 3)).toEqual([null, null, 2, 3])
  })
})
