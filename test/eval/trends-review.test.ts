// The eval:trends review file round-trips: rendered samples parse back to the same judgments, and
// the tally counts right / judged / not judged per skill.
import { describe, expect, it } from 'vitest'
import { parseJudged, renderReview, tally, type Sample } from './trends-review.ts'

const samples: Sample[] = [
  { skill: 'go', ad: 'hn:1', context: 'Stack: **Go** | Postgres', judgment: 'right', reason: '' },
  {
    skill: 'go',
    ad: 'hn:2',
    context: 'a better **Go**',
    judgment: 'wrong',
    reason: 'comparison | not usage',
  },
  { skill: 'ruby', ad: 'hn:3', context: '**Ruby** shop', judgment: '', reason: '' },
]

describe('eval:trends review file', () => {
  it('parses back what it renders, pipes included', () => {
    const judged = parseJudged(renderReview(samples, 1))
    expect([...judged.entries()]).toEqual([
      ['go|hn:1', { judgment: 'right', reason: '' }],
      ['go|hn:2', { judgment: 'wrong', reason: 'comparison | not usage' }],
    ])
  })
  it('tallies right, judged and not judged per skill', () => {
    const t = tally(samples)
    expect([t.right, t.judged, t.unjudged]).toEqual([1, 2, 1])
    expect(t.bySkill.get('go')).toEqual({ right: 1, judged: 2, unjudged: 0 })
    expect(t.bySkill.get('ruby')).toEqual({ right: 0, judged: 0, unjudged: 1 })
  })
})
