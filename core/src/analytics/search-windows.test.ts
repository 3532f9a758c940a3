// The windows a newest-first search reads: the tallies' estimate first, then the fixed windows
// growing 16× that reach further back than it, until the floor; read whole without a top.
import { expect, it } from 'vitest'
import { FIRST_WINDOW_DAYS, searchWindows } from './ad-search.ts'
import { addDays } from './filters.ts'

const take = (g: Generator<{ since: string | null; small: boolean }>, n = 10) => {
  const out: { since: string | null; small: boolean }[] = []
  for (const w of g) {
    out.push(w)
    if (out.length >= n) break
  }
  return out
}

it('starts from the estimate, then widens through the fixed windows to the floor', () => {
  const top = '2026-11-30'
  expect(take(searchWindows(top, '2010-01-01', '2026-11-29'))).toEqual([
    { since: '2026-11-29', small: true },
    { since: addDays(top, -FIRST_WINDOW_DAYS), small: true },
    { since: addDays(top, -FIRST_WINDOW_DAYS * 16), small: false },
    { since: null, small: false },
  ])
})

it('starts from an estimate older than the first window, then reads only wider windows', () => {
  // A month with too few jobs (Hacker News between two monthly threads): one window from the
  // estimate, not the first window and then one 16× wider.
  const top = '2026-11-30'
  expect(take(searchWindows(top, '2010-01-01', '2026-01-01'))).toEqual([
    { since: '2026-01-01', small: false },
    { since: addDays(top, -FIRST_WINDOW_DAYS * 16), small: false },
    { since: null, small: false },
  ])
})

it('ignores an estimate past the top or before the floor', () => {
  const top = '2026-11-30'
  const fixed = { since: addDays(top, -FIRST_WINDOW_DAYS), small: true }
  expect(take(searchWindows(top, '2010-01-01', '2026-12-05'))[0]).toEqual(fixed)
  expect(take(searchWindows(top, '2026-11-29', '2026-11-28'))).toEqual([{ since: null, small: false }])
  expect(take(searchWindows(top, '2010-01-01', null))[0]).toEqual(fixed)
})

it('reads everything at once when there is no newest day', () => {
  expect(take(searchWindows(null, '2010-01-01', '2026-11-29'))).toEqual([{ since: null, small: false }])
})
