// A window split into the whole months (or weeks, or years) it holds and the days around them.
import { describe, expect, it } from 'vitest'
import { tallyWindow, tallyYears, wholePeriods } from './tally-window.ts'

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

describe('wholePeriods', () => {
  it('finds the whole weeks and months of a window (leap days, the first days of the Date type)', () => {
    expect(wholePeriods('month', '2023-12-01', '2024-02-29')).toEqual({
      first: '2023-12-01',
      last: '2024-02-01',
      end: '2024-02-29',
    })
    expect(wholePeriods('month', '2025-12-02', '2026-03-30')).toEqual({
      first: '2026-01-01',
      last: '2026-02-01',
      end: '2026-02-28',
    })
    // 2026-11-02 is a Monday.
    expect(wholePeriods('week', '2026-11-02', '2026-11-22')).toEqual({
      first: '2026-11-02',
      last: '2026-11-16',
      end: '2026-11-22',
    })
    expect(wholePeriods('week', '2026-11-03', '2026-11-23')).toEqual({
      first: '2026-11-09',
      last: '2026-11-16',
      end: '2026-11-22',
    })
    // toMonday gives 1970-01-01 for 1970-01-01..04: that short week is a period of its own.
    expect(wholePeriods('week', '1970-01-01', '1970-01-11')).toEqual({
      first: '1970-01-01',
      last: '1970-01-05',
      end: '1970-01-11',
    })
    expect(wholePeriods('week', '2026-11-03', '2026-11-08')).toBeNull()
  })
})

describe('tallyYears', () => {
  it('reads the whole years a window holds from year rows', () => {
    expect(tallyYears('2016-01-01', '2017-12-31', true)).toEqual({
      yearFrom: '2016-01-01',
      yearTo: '2017-01-01',
      yearEnd: '2017-12-31',
    })
    expect(tallyYears('2015-12-20', '2018-01-05', true)).toEqual({
      yearFrom: '2016-01-01',
      yearTo: '2017-01-01',
      yearEnd: '2017-12-31',
    })
    // Every date: each year up to the last whole one before ClickHouse's last Date.
    expect(tallyYears('1970-01-01', '2149-06-06', true)).toEqual({
      yearFrom: '1970-01-01',
      yearTo: '2148-01-01',
      yearEnd: '2148-12-31',
    })
  })

  it('holds none in a window shorter than a whole year, or when the periods are shorter', () => {
    for (const y of [
      tallyYears('2025-11-25', '2026-11-24', true),
      tallyYears('2016-01-01', '2016-12-30', true),
      tallyYears('2149-01-05', '2149-06-06', true),
      tallyYears('2016-01-01', '2017-12-31', false),
    ]) {
      expect(y.yearFrom > y.yearTo).toBe(true)
      expect(y.yearFrom > y.yearEnd).toBe(true)
    }
  })
})
