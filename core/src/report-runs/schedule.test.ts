// The report schedule on a fake clock: instants are given, never read from the system. Berlin
// changes to summer time on Sunday 2026-03-29 (02:00 → 03:00) and back on Sunday 2026-10-25.
import { describe, expect, it } from 'vitest'
import type { ReportCadence } from '../contracts/api/reports.ts'
import { comparePeriodOf, dueSlot, latestSlot, nextSlot, periodForSlot, periodOfLabel } from './schedule.ts'

const at = (iso: string) => new Date(iso)
const mondayBerlin: ReportCadence = { kind: 'weekly', weekday: 1, hour: 8, timeZone: 'Europe/Berlin' }

/** Walk a fake clock minute by minute, running what dueSlot says; the slots run, as ISO. */
function simulate(cadence: ReportCadence, from: string, to: string, stepMinutes = 1): string[] {
  let since = at(from)
  const ran: string[] = []
  for (let t = at(from).getTime(); t <= at(to).getTime(); t += stepMinutes * 60_000) {
    const slot = dueSlot(cadence, since, new Date(t))
    if (slot) {
      ran.push(slot.toISOString())
      since = slot
    }
  }
  return ran
}

describe('report schedule', () => {
  it('keeps 08:00 local across the spring DST change: 07:00Z before, 06:00Z after', () => {
    expect(simulate(mondayBerlin, '2026-03-20T00:00:00Z', '2026-04-07T00:00:00Z', 5)).toEqual([
      '2026-03-23T07:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
      '2026-04-06T06:00:00.000Z',
    ])
  })

  it('runs once on the night an hour is skipped or repeated', () => {
    const sunday2: ReportCadence = { kind: 'weekly', weekday: 7, hour: 2, timeZone: 'Europe/Berlin' }
    // 02:00 does not exist on 2026-03-29: the run moves to 03:00 CEST (01:00Z), once.
    expect(simulate(sunday2, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toEqual([
      '2026-03-29T01:00:00.000Z',
    ])
    // 02:00 happens twice on 2026-10-25 (CEST, then CET): one run (luxon takes the CET one).
    expect(simulate(sunday2, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toEqual([
      '2026-10-25T01:00:00.000Z',
    ])
  })

  it('catches a run missed during downtime up once, not once per missed week', () => {
    const lastRun = at('2026-03-02T07:00:00Z') // Monday 08:00 CET, then the machine was off
    const backAt = at('2026-03-25T12:00:00Z') // three Mondays later
    const slot = dueSlot(mondayBerlin, lastRun, backAt)
    expect(slot?.toISOString()).toBe('2026-03-23T07:00:00.000Z')
    expect(dueSlot(mondayBerlin, slot!, backAt)).toBeNull()
    expect(dueSlot(mondayBerlin, slot!, at('2026-03-30T05:59:00Z'))).toBeNull()
    expect(dueSlot(mondayBerlin, slot!, at('2026-03-30T06:00:00Z'))?.toISOString()).toBe(
      '2026-03-30T06:00:00.000Z',
    )
    // And the caught-up run reports the last complete week before its slot.
    expect(periodForSlot(mondayBerlin, slot!)).toEqual({
      from: '2026-03-16',
      to: '2026-03-22',
      label: '2026-W12',
    })
  })

  it('does not run a new report for a slot that passed before it was created', () => {
    const created = at('2026-03-23T09:00:00Z')
    expect(dueSlot(mondayBerlin, created, at('2026-03-24T00:00:00Z'))).toBeNull()
    expect(nextSlot(mondayBerlin, created).toISOString()).toBe('2026-03-30T06:00:00.000Z')
  })

  it('reports the local week: a Monday 00:30 slot in Tokyo is still Sunday in UTC', () => {
    const tokyo: ReportCadence = { kind: 'weekly', weekday: 1, hour: 0, timeZone: 'Asia/Tokyo' }
    const slot = latestSlot(tokyo, at('2017-03-13T00:00:00Z'))
    expect(slot.toISOString()).toBe('2017-03-12T15:00:00.000Z')
    expect(periodForSlot(tokyo, slot).label).toBe('2017-W10')
  })

  it('monthly: day and hour in the zone, the previous month reported', () => {
    const monthly: ReportCadence = { kind: 'monthly', day: 1, hour: 6, timeZone: 'America/New_York' }
    expect(simulate(monthly, '2026-02-25T00:00:00Z', '2026-04-02T00:00:00Z', 30)).toEqual([
      '2026-03-01T11:00:00.000Z', // EST
      '2026-04-01T10:00:00.000Z', // EDT (US change on 2026-03-08)
    ])
    expect(periodForSlot(monthly, at('2026-03-01T11:00:00Z'))).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
      label: '2026-02',
    })
  })

  it('parses period labels and refuses weeks and months that do not exist', () => {
    expect(periodOfLabel('2017-W10')).toEqual({
      kind: 'weekly',
      from: '2017-03-06',
      to: '2017-03-12',
      label: '2017-W10',
    })
    expect(periodOfLabel('2020-W53')?.from).toBe('2020-12-28')
    expect(periodOfLabel('2017-W53')).toBeNull()
    expect(periodOfLabel('2017-13')).toBeNull()
    expect(periodOfLabel('2017-02')).toMatchObject({ from: '2017-02-01', to: '2017-02-28' })
  })

  it('comparison windows: the periods before, or a year ago', () => {
    const w10 = periodOfLabel('2017-W10')!
    expect(comparePeriodOf(w10, 'weekly', { kind: 'previous_period', periods: 1 })).toEqual({
      from: '2017-02-27',
      to: '2017-03-05',
      label: '2017-W09',
    })
    expect(comparePeriodOf(w10, 'weekly', { kind: 'previous_period', periods: 4 })).toEqual({
      from: '2017-02-06',
      to: '2017-03-05',
      label: '2017-W06..2017-W09',
    })
    expect(comparePeriodOf(w10, 'weekly', { kind: 'year_ago', periods: 1 }).label).toBe('2016-W10')
    const march = periodOfLabel('2017-03')!
    expect(comparePeriodOf(march, 'monthly', { kind: 'year_ago', periods: 1 })).toEqual({
      from: '2016-03-01',
      to: '2016-03-31',
      label: '2016-03',
    })
  })
})
