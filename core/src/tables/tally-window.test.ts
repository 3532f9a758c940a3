// A window split into the whole months it holds and the days around them.
import { describe, expect, it } from 'vitest'
import { tallyWindow } from './tally-window.ts'

describe('tallyWindow', () => {
  it('reads whole months from month rows and the cut ends from day rows', () => {
    expect(tallyWindow('2025-12-01', '2026-11-30')).toMatchObject({
      monthFrom: '2025-12-01',
      monthTo: '2026-11-01',
      headTo: '2025-11-30',
      tailFrom: '2026-12-01',
    })
    expect(tallyWindow('2025-11-18', '2026-11-17')).toMatchObject({
      monthFrom: '2025-12-01',
      monthTo: '2026-10-01',
      headTo: '2025-11-30',
      tailFrom: '2026-11-01',
    })
  })

  it('holds no whole month inside one month or across two cut ones: days only', () => {
    const w = tallyWindow('2017-02-27', '2017-03-02')
    expect(w.monthFrom > w.monthTo).toBe(true)
    expect([w.headTo, w.tailFrom]).toEqual(['2017-03-02', '2017-03-03'])
    expect(tallyWindow('2016-02-29', '2016-02-29')).toMatchObject({
      headTo: '2016-02-29',
      tailFrom: '2016-03-01',
    })
  })

  it('takes an unbounded window as every month', () => {
    expect(tallyWindow('1970-01-01', '2149-06-06')).toMatchObject({
      monthFrom: '1970-01-01',
      monthTo: '2149-05-01',
      headTo: '1969-12-31',
      tailFrom: '2149-06-01',
    })
  })
})
