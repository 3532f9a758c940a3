// Salary: the source's structured range first, then its salary field, then the ad text. Several figures
// of the same period give lowest min / highest max; a yearly salary wins over other periods (an hourly
// intern rate beside it is not the salary). Amounts are annualised and converted to USD via fx-rates.ts.
import { COUNTRY_CURRENCY, DOLLAR_COUNTRIES } from './gazetteer.ts'
import { toUsd } from './fx-rates.ts'
import { findPayFigures, type PayFigure } from './salary-scan.ts'
import type { AdInput, SalaryExtraction, SalaryPeriod } from './types.ts'

const PERIOD_PREFERENCE: SalaryPeriod[] = ['year', 'month', 'week', 'day', 'hour']
const PER_YEAR: Record<SalaryPeriod, number> = { year: 1, month: 12, week: 52, day: 260, hour: 2080 }
// Annual pay outside this band (in USD) is not a salary (revenue per month, a price, a typo).
const MIN_ANNUAL_USD = 4000
const MAX_ANNUAL_USD = 2_000_000
// A currency the rates table does not know cannot be checked in USD; this still refuses absurd amounts
// (the highest-denomination currencies pay around 1e9 a year).
const MAX_ANNUAL_UNKNOWN_CURRENCY = 1e11
// Only the start of very long texts is scanned: pay is stated near the top or in a short block.
const MAX_SCAN_CHARS = 100_000

const MARKER_CURRENCY: Record<string, string> = {
  US$: 'USD',
  C$: 'CAD',
  CA$: 'CAD',
  CAD$: 'CAD',
  A$: 'AUD',
  AU$: 'AUD',
  NZ$: 'NZD',
  S$: 'SGD',
  SG$: 'SGD',
  HK$: 'HKD',
  '£': 'GBP',
  '€': 'EUR',
  '₹': 'INR',
  dollars: '$',
  euros: 'EUR',
  pounds: 'GBP',
}

/** GUIDELINES: a bare "$" is the local dollar in a dollar country, else USD; no marker: local currency. */
export function currencyOf(marker: string | null, country: string | null): string {
  if (marker === null) return (country && COUNTRY_CURRENCY[country]) || 'USD'
  const m = MARKER_CURRENCY[marker] ?? MARKER_CURRENCY[marker.toLowerCase()] ?? marker.toUpperCase()
  if (m === '$') return (country && DOLLAR_COUNTRIES[country]) || 'USD'
  if (m === '¥') return country === 'CN' ? 'CNY' : 'JPY'
  return m
}

function build(
  raw: string,
  min: number,
  max: number,
  currency: string,
  period: SalaryPeriod,
  source: SalaryExtraction['source'],
  confidence: number,
): SalaryExtraction {
  const f = PER_YEAR[period]
  return {
    raw: raw.slice(0, 200),
    min,
    max,
    currency,
    period,
    annual_min: min * f,
    annual_max: max * f,
    annual_min_usd: toUsd(min * f, currency) ?? 0,
    annual_max_usd: toUsd(max * f, currency) ?? 0,
    source,
    confidence,
    kind: period === 'day' ? 'day_rate' : 'salary',
  }
}

const plausible = (s: SalaryExtraction): boolean =>
  s.annual_min_usd === 0 || (s.annual_min_usd >= MIN_ANNUAL_USD && s.annual_max_usd <= MAX_ANNUAL_USD)

/**
 * A source's structured range, if it passes the checks a figure found in text passes: finite, not
 * negative, an ISO currency code, plausible annual pay. A min of 0 means "up to max". Otherwise null,
 * and the salary field and ad text are read instead.
 */
function fromStructured(s: NonNullable<AdInput['salary_structured']>): SalaryExtraction | null {
  const currency = typeof s.currency === 'string' ? s.currency.trim().toUpperCase() : ''
  if (!Number.isFinite(s.min) || !Number.isFinite(s.max) || s.min < 0 || s.max <= 0) return null
  if (!/^[A-Z]{3}$/.test(currency) || !Object.hasOwn(PER_YEAR, s.period)) return null
  const low = Math.min(s.min, s.max) || Math.max(s.min, s.max)
  const high = Math.max(s.min, s.max)
  const raw = `${s.min}-${s.max} ${currency}/${s.period}`
  const salary = build(raw, low, high, currency, s.period, 'structured', 1)
  const known = toUsd(1, currency) !== null
  if (known ? !plausible(salary) : salary.annual_max > MAX_ANNUAL_UNKNOWN_CURRENCY) return null
  return salary
}

function fromFigures(
  text: string,
  figures: PayFigure[],
  country: string | null,
  trusted: boolean,
): SalaryExtraction | null {
  const priced = figures
    .map((f) => ({
      f,
      period: f.period ?? (f.max >= 1000 ? 'year' : null),
      currency: currencyOf(f.marker, country),
    }))
    .filter((x): x is { f: PayFigure; period: SalaryPeriod; currency: string } => x.period !== null)
    .filter((x) => trusted || plausible(build('', x.f.min, x.f.max, x.currency, x.period, 'text', 0)))
  for (const period of PERIOD_PREFERENCE) {
    const group = priced.filter((x) => x.period === period)
    const first = group[0]
    if (!first) continue
    const same = group.filter((x) => x.currency === first.currency)
    const min = Math.min(...same.map((x) => x.f.min))
    const max = Math.max(...same.map((x) => x.f.max))
    const raw = same
      .slice(0, 3)
      .map((x) => text.slice(x.f.start, x.f.end))
      .join(' / ')
    const strength = Math.max(...same.map((x) => x.f.strength))
    const confidence = trusted ? 0.95 : strength >= 3 ? 0.9 : strength === 2 ? 0.75 : 0.5
    return build(raw, min, max, first.currency, period, 'text', confidence)
  }
  return null
}

/** `masked`: URL / e-mail ranges of input.text when the caller already has them. */
export function extractSalary(
  input: AdInput,
  country: string | null,
  masked?: readonly number[],
): SalaryExtraction | null {
  const structured = input.salary_structured ? fromStructured(input.salary_structured) : null
  if (structured) return structured
  if (typeof input.salary_text === 'string' && input.salary_text.trim()) {
    const field = input.salary_text.slice(0, 1000)
    const got = fromFigures(field, findPayFigures(field, true), country, true)
    if (got) return got
  }
  const text = input.text.length > MAX_SCAN_CHARS ? input.text.slice(0, MAX_SCAN_CHARS) : input.text
  const ranges = text === input.text ? masked : undefined
  return fromFigures(text, findPayFigures(text, false, ranges), country, false)
}
