import { describe, expect, it } from 'vitest'
import { extractAd } from './index.ts'
import type { AdInput } from './types.ts'

const pay = (text: string, extra: Partial<AdInput> = {}) => {
  const s = extractAd({ id: 's', text, ...extra }).salary
  return (
    s && { min: s.min, max: s.max, currency: s.currency, period: s.period, kind: s.kind, source: s.source }
  )
}

describe('salary forms', () => {
  it('ranges with k on one or both ends', () => {
    expect(pay('Acme | Backend | NYC | $120-150k')).toMatchObject({
      min: 120000,
      max: 150000,
      currency: 'USD',
      period: 'year',
    })
    expect(pay('Salary: 90-130k')).toMatchObject({ min: 90000, max: 130000 })
    expect(pay('Pay: $100k - $130k + equity')).toMatchObject({ min: 100000, max: 130000 })
    expect(pay('DQC | Senior Engineer | 65-95k€ + VSOP')).toMatchObject({
      min: 65000,
      max: 95000,
      currency: 'EUR',
    })
  })
  it('full amounts, symbols and ISO codes', () => {
    expect(pay('London | £45,000 - £55,000 pa')).toMatchObject({ min: 45000, max: 55000, currency: 'GBP' })
    expect(pay('Salary Range $108,400—$129,600 USD')).toMatchObject({
      min: 108400,
      max: 129600,
      currency: 'USD',
    })
    expect(pay('Salary: AUD140K+')).toMatchObject({ min: 140000, max: 140000, currency: 'AUD' })
    expect(pay('Compensation: EUR 60k to 80k')).toMatchObject({ min: 60000, max: 80000, currency: 'EUR' })
  })
  it('periods', () => {
    expect(pay('We pay $25 per hour')).toMatchObject({ min: 25, max: 25, period: 'hour' })
    expect(pay('Bell Curve | $40/hr USD | Remote')).toMatchObject({ min: 40, period: 'hour' })
    expect(pay('Contract, rate £500/day outside IR35')).toMatchObject({
      min: 500,
      period: 'day',
      kind: 'day_rate',
    })
    expect(pay('Salary: €4,000 per month')).toMatchObject({ min: 4000, period: 'month' })
  })
  it('several ranges: lowest min, highest max; a yearly salary beats an hourly side rate', () => {
    const text = 'Data Engineer. Salary Range: $130k-180k\nDevOps Engineer. Salary Range: $110k-140k'
    expect(pay(text)).toMatchObject({ min: 110000, max: 180000 })
    expect(pay('Engineers (85-120K, 1% equity). Interns as contractors (12-25/hour).')).toMatchObject({
      min: 85000,
      max: 120000,
      period: 'year',
    })
  })
  it('bare $ follows the job’s dollar country; no marker takes the local currency', () => {
    expect(pay('Top Hat | Toronto, ON, Canada | Salary from $70k to $100k')).toMatchObject({
      currency: 'CAD',
    })
    expect(pay('Acme | Melbourne, Australia | $120k')).toMatchObject({ currency: 'AUD' })
    expect(pay('Acme | Yangon, Myanmar | $25k-40k')).toMatchObject({ currency: 'USD' })
    expect(pay('Acme | Berlin, Germany | Salary 60-80k')).toMatchObject({ currency: 'EUR' })
  })
  it('no figure, or figures that are not pay → null', () => {
    for (const text of [
      'Competitive salary, DOE',
      'We raised $20M in Series B funding in 2012.',
      'We did $100M+ in revenue last year.',
      'Great benefits, 401k match, 401(k) plan',
      'Call 555-123-4567 or +1 (415) 555 0100',
      'We have 250k users and 10M downloads',
      '€10k signing bonus and visa sponsorship',
      'Founded in 2012, 40 people, office at 1200 Market St',
      'a $3000 high-end bed in the office',
    ]) {
      expect(pay(text), text).toBeNull()
    }
  })
  it('the source’s salary field and structured range come first', () => {
    expect(pay('text', { salary_text: '$53K-$91K (Glassdoor est.)' })).toMatchObject({
      min: 53000,
      max: 91000,
      source: 'text',
    })
    expect(pay('text', { salary_text: '$17-$24 Per Hour(Glassdoor est.)' })).toMatchObject({
      min: 17,
      max: 24,
      period: 'hour',
    })
    const structured = { min: 100000, max: 90000, currency: 'usd', period: 'year' as const }
    expect(pay('$1 text', { salary_structured: structured })).toMatchObject({
      min: 90000,
      max: 100000,
      currency: 'USD',
      source: 'structured',
    })
  })
  it('a structured range gets the same plausibility checks as a text one; the text is read instead', () => {
    const structured = (min: number, max: number, currency = 'USD', period: 'year' | 'hour' = 'year') => ({
      salary_structured: { min, max, currency, period },
    })
    for (const [min, max, currency, period] of [
      [-5, 9e99, 'USD', 'year'],
      [-5, 90000, 'USD', 'year'],
      [50, 90, 'USD', 'year'], // $90 a year
      [100000, 9e99, 'EUR', 'year'],
      [900, 3000, 'USD', 'hour'], // $6M a year
      [60000, 9e99, 'XYZ', 'year'], // a currency without a rate still gets a bound
      [60000, 80000, 'not a currency', 'year'],
      [Number.NaN, 80000, 'USD', 'year'],
    ] as const) {
      expect(
        pay('No pay stated.', structured(min, max, currency, period)),
        `${min}…${max} ${currency}`,
      ).toBeNull()
    }
    // Refused, so the ad's own text (checked as usual) decides.
    expect(pay('Pay: $120k-150k', structured(-5, 9e99))).toMatchObject({ min: 120000, source: 'text' })
    // Plausible ones keep confidence 1, including a currency the rates table does not know.
    expect(extractAd({ id: 's', text: '', ...structured(60000, 80000, 'USD') }).salary?.confidence).toBe(1)
    expect(pay('', structured(0, 80000))).toMatchObject({ min: 80000, max: 80000, source: 'structured' })
    expect(pay('', structured(300000000, 500000000, 'IDR'))).toMatchObject({ currency: 'IDR' })
  })
  it('annualises into USD with the static rates table', () => {
    const s = extractAd({ id: 'x', text: 'London | £50k' }).salary
    expect(s?.annual_min).toBe(50000)
    expect(s?.annual_min_usd).toBeGreaterThan(50000)
    const h = extractAd({ id: 'x', text: 'Pay: $50/hour' }).salary
    expect(h?.annual_max_usd).toBe(104000)
  })
})
