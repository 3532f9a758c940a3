import { describe, expect, it } from 'vitest'
import { highlightParts } from './highlight'

describe('highlightParts', () => {
  it('marks each range once, in order, and keeps the text around them', () => {
    expect(
      highlightParts('We use Go and Postgres.', [
        [14, 22],
        [7, 9],
      ]),
    ).toEqual([
      { text: 'We use ', mark: false },
      { text: 'Go', mark: true },
      { text: ' and ', mark: false },
      { text: 'Postgres', mark: true },
      { text: '.', mark: false },
    ])
  })

  it('clips ranges past the end and skips overlaps', () => {
    expect(
      highlightParts('<script>x', [
        [0, 3],
        [1, 4],
        [8, 50],
      ]),
    ).toEqual([
      { text: '<sc', mark: true },
      { text: 'r', mark: true },
      { text: 'ipt>', mark: false },
      { text: 'x', mark: true },
    ])
  })
})
