import { describe, expect, it } from 'vitest'
import { parseAgeTitleAttribute, parseHnAge, resolvePostedAt, type DateAnchors } from './hn-dates.ts'
import { monthStartFromTitle, whoIsHiringMonth } from './thread-title.ts'

describe('parseHnAge', () => {
  it.each([
    ['on Apr 3, 2017', '2017-04-03T00:00:00.000Z'],
    ['on July 4, 2012', '2012-07-04T00:00:00.000Z'],
    ['Sep 30, 2015', '2015-09-30T00:00:00.000Z'],
  ])('reads the absolute label %s', (text, iso) => {
    expect(parseHnAge(text).absolute?.toISOString()).toBe(iso)
  })

  it.each([
    ['51 days ago', 51 * 86_400, true],
    ['1 day ago', 86_400, true],
    ['3 hours ago', 3 * 3600, true],
    ['0 minutes ago', 0, true],
    ['an hour ago', 3600, true],
    ['1 month ago', 30 * 86_400, false],
    ['9 months ago', 9 * 30 * 86_400, false],
    ['2 years ago', 2 * 365 * 86_400, false],
  ])('reads the relative label %s', (text, seconds, precise) => {
    expect(parseHnAge(text)).toMatchObject({
      absolute: null,
      relativeSeconds: seconds,
      relativeIsPrecise: precise,
    })
  })

  it('prefers the title timestamp and ignores gibberish', () => {
    expect(parseHnAge('2 hours ago', '2025-06-02T15:01:40 1748876500').absolute).toEqual(
      new Date(1748876500 * 1000),
    )
    expect(parseHnAge('yesterday-ish')).toEqual({
      text: 'yesterday-ish',
      absolute: null,
      relativeSeconds: null,
      relativeIsPrecise: false,
    })
  })
})

describe('parseAgeTitleAttribute', () => {
  it.each([
    ['2025-06-02T15:01:40 1748876500', '2025-06-02T15:01:40.000Z'],
    ['2021-10-26T22:30:37', '2021-10-26T22:30:37.000Z'],
    ['2021-10-26T22:30:37Z', '2021-10-26T22:30:37.000Z'],
    ['2021-10-26T22:30:37.123+02:00', '2021-10-26T20:30:37.123Z'],
    ['  1748876500  ', '2025-06-02T15:01:40.000Z'],
  ])('%s', (value, iso) => {
    expect(parseAgeTitleAttribute(value)?.toISOString()).toBe(iso)
  })

  it.each(['', 'soon', '2025-13-45T99:99:99', '0'])('gives null for %j', (value) => {
    expect(parseAgeTitleAttribute(value)).toBeNull()
  })
})

describe('resolvePostedAt', () => {
  const created = new Date('2018-04-02T15:00:00Z')
  const anchors = (threadAge: string, threadCreatedAt: Date | null = created): DateAnchors => ({
    threadCreatedAt,
    threadAge: parseHnAge(threadAge),
    titleMonthStart: new Date('2018-04-01T00:00:00Z'),
  })

  it('uses thread creation + (thread age − comment age)', () => {
    expect(resolvePostedAt(parseHnAge('49 days ago'), anchors('51 days ago'))).toEqual({
      postedAt: new Date('2018-04-04T15:00:00Z'),
      dateSource: 'relative',
    })
  })

  it('clamps to [thread creation, +40 days]', () => {
    expect(resolvePostedAt(parseHnAge('60 days ago'), anchors('51 days ago'))?.postedAt).toEqual(created)
    expect(resolvePostedAt(parseHnAge('1 day ago'), anchors('80 days ago'))?.postedAt).toEqual(
      new Date(created.getTime() + 40 * 86_400_000),
    )
  })

  it('falls back to the thread date for month granularity, then to the title month', () => {
    expect(resolvePostedAt(parseHnAge('3 months ago'), anchors('3 months ago'))).toEqual({
      postedAt: created,
      dateSource: 'thread',
    })
    expect(resolvePostedAt(parseHnAge('2 days ago'), anchors('5 days ago', null))).toEqual({
      postedAt: new Date('2018-04-01T00:00:00Z'),
      dateSource: 'thread',
    })
  })

  it('gives null when nothing dates the ad', () => {
    expect(
      resolvePostedAt(null, { threadCreatedAt: null, threadAge: null, titleMonthStart: null }),
    ).toBeNull()
  })
})

describe('thread titles', () => {
  it.each([
    ['Ask HN: Who is hiring? (April 2017)', '2017-04'],
    ['Ask HN: Who Is Hiring? (October 2012) ', '2012-10'],
    ['Ask HN: Who is Hiring? (April 2011)', '2011-04'],
    ['Ask HN: Who wants to be hired? (April 2017)', null],
    ['Ask HN: Freelancer? Seeking freelancer? (April 2017)', null],
    ['Ask HN: Who is hiring right now?', null],
    ['Ask HN: Who is hiring? (Smarch 2017)', null],
  ])('%j → %s', (title, month) => {
    expect(whoIsHiringMonth(title)).toBe(month)
  })

  it('gives the first day of the title month', () => {
    expect(monthStartFromTitle('Ask HN: Who is hiring? (December 2017)')).toEqual(
      new Date('2017-12-01T00:00:00Z'),
    )
    expect(monthStartFromTitle('no month here')).toBeNull()
  })
})
