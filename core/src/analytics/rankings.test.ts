// Rankings' changes from the counts (rankRows): a window without ads has no share, so nothing is
// compared against it; otherwise the change is the difference of the two shares in points.
import { describe, expect, it } from 'vitest'
import { rankRows } from './rankings.ts'

const q = { minCount: 1, sort: 'rank', order: 'asc' } as const

describe('rankRows', () => {
  it('compares the shares of two windows that hold ads', () => {
    const { ranked } = rankRows(
      [
        { skill: 'go', ads: 30, prev: 10 },
        { skill: 'java', ads: 20, prev: 40 },
      ],
      100,
      80,
      q,
    )
    const go = ranked.find((r) => r.skill === 'go')!
    expect(go.previousShare).toBeCloseTo(10 / 80, 6)
    expect(go.changePoints).toBeCloseTo((30 / 100 - 10 / 80) * 100, 4)
    expect(go.relativeChange).toBeCloseTo(30 / 100 / (10 / 80) - 1, 4)
    expect(ranked.find((r) => r.skill === 'java')!.changePoints).toBeCloseTo((20 / 100 - 40 / 80) * 100, 4)
  })

  it('shows no change against a comparison window without ads, never a rise of the whole share', () => {
    const { ranked } = rankRows([{ skill: 'go', ads: 30, prev: 0 }], 100, 0, q)
    expect(ranked[0]).toMatchObject({
      share: 0.3,
      previousShare: null,
      changePoints: null,
      relativeChange: null,
      p: null,
    })
  })

  it('shows no change when the window itself holds no ads, never a fall to 0', () => {
    const { ranked, belowMinimum } = rankRows([{ skill: 'go', ads: 0, prev: 12 }], 0, 40, q)
    expect(ranked).toEqual([])
    expect(belowMinimum[0]).toMatchObject({
      share: 0,
      previousShare: 0.3,
      changePoints: null,
      relativeChange: null,
    })
  })
})
