// The percentiles taken from value counts equal those of the expanded values (PERCENTILE.INC:
// position level × (n − 1), linear between neighbours), including single values and ties.
import { describe, expect, it } from 'vitest'
import { inclusiveQuantiles } from './salary-tally.ts'

/** The textbook rule over the expanded, sorted values. */
function expanded(values: number[], counts: number[], level: number): number {
  const xs = values.flatMap((v, i) => Array<number>(counts[i]!).fill(v))
  const pos = level * (xs.length - 1)
  const k = Math.floor(pos)
  return k + 1 >= xs.length ? xs[xs.length - 1]! : xs[k]! + (pos - k) * (xs[k + 1]! - xs[k]!)
}

describe('inclusiveQuantiles', () => {
  it('equals the expanded values’ percentiles for any counts', () => {
    let seed = 3
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    for (let trial = 0; trial < 200; trial++) {
      const k = 1 + Math.floor(rnd() * 8)
      const values = [...new Set(Array.from({ length: k }, () => Math.round(rnd() * 200) * 500))].sort(
        (a, b) => a - b,
      )
      const counts = values.map(() => 1 + Math.floor(rnd() * 4))
      const levels = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]
      const got = inclusiveQuantiles(values, counts, levels)
      levels.forEach((level, i) => expect(got[i]).toBeCloseTo(expanded(values, counts, level), 6))
    }
  })

  it('gives the one value of a single job, and the midpoint of two', () => {
    expect(inclusiveQuantiles([70_000], [1], [0.1, 0.5, 0.9])).toEqual([70_000, 70_000, 70_000])
    expect(inclusiveQuantiles([60_000, 80_000], [1, 1], [0.5])).toEqual([70_000])
  })
})
