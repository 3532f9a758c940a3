// The report's tests of change against independent computations: Benjamini–Hochberg by its
// definition (the largest k with p_(k) ≤ k·α/m), and the rate test against a textbook example.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { benjaminiHochberg, daysIn, rateChangeTest } from './significance.ts'

/** BH rejections by the definition: reject the k smallest p, k the largest with p_(k) ≤ kα/m. */
function bhRejects(ps: number[], alpha: number): boolean[] {
  const m = ps.length
  const order = ps.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0])
  let k = 0
  order.forEach(([p], j) => {
    if (p <= ((j + 1) * alpha) / m) k = j + 1
  })
  const out = ps.map(() => false)
  order.slice(0, k).forEach(([, i]) => (out[i] = true))
  return out
}

describe('benjaminiHochberg', () => {
  it('q < α rejects exactly what the step-up definition rejects', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (ps) => {
          const q = benjaminiHochberg(ps)
          // q ≤ α is the definition's p_(k) ≤ kα/m; ties at the boundary are measure zero here.
          expect(q.map((v) => v! <= 0.05)).toEqual(bhRejects(ps, 0.05))
          q.forEach((v, i) => expect(v!).toBeGreaterThanOrEqual(ps[i]! * (1 - 1e-12)))
        },
      ),
    )
  })

  it('keeps nulls and the input order', () => {
    expect(benjaminiHochberg([0.01, null, 0.04, 0.03])).toEqual([0.03, null, 0.04, 0.04])
  })
})

describe('rateChangeTest', () => {
  it('equal windows: 120 vs 80 ads is z = 2.83 (conditional binomial, n = 200, π = ½)', () => {
    const t = rateChangeTest(120, 7, 80, 7)!
    expect(t.z).toBeCloseTo(20 / Math.sqrt(50), 6)
    expect(t.p).toBeCloseTo(0.00468, 4)
  })

  it('compares ads per day across windows of different lengths', () => {
    // 70 ads in 7 days vs 280 in 28: the same 10 a day.
    expect(rateChangeTest(70, 7, 280, 28)!.z).toBeCloseTo(0, 9)
    expect(rateChangeTest(0, 7, 0, 7)).toBeNull()
    expect(daysIn('2017-03-06', '2017-03-12')).toBe(7)
    expect(daysIn('2016-01-01', '2016-12-31')).toBe(366)
  })
})
