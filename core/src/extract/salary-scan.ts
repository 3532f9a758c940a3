// Finds pay figures in free text: every number is looked at once (one global regex that always matches,
// so the scan is linear), with its currency marker, k/M suffix and period read from a few characters
// around it. Ranges join two figures; context words decide whether a figure is pay at all.
import { maskedRanges } from './tokenize.ts'
import type { SalaryPeriod } from './types.ts'

export interface PayFigure {
  start: number
  end: number
  min: number
  max: number
  /** Currency marker as written ("$", "C$", "EUR", "£"), or null. */
  marker: string | null
  period: SalaryPeriod | null
  /** How sure the figure is pay: 0 = not pay, higher is surer. */
  strength: number
}

interface Num {
  start: number
  end: number
  value: number
  unit: '' | 'k' | 'big'
  marker: string | null
}

const NUM_RE = /\d+(?:[.,]\d+)*/g
const SUFFIX_RE = /^ ?(k|thousand|m|mm|mn|million|b|bn|billion)(?![a-z])/i
const CODES = 'USD|EUR|GBP|CAD|AUD|NZD|SGD|HKD|CHF|SEK|NOK|DKK|PLN|CZK|INR|JPY|ILS|BRL|MXN|ZAR'
const LEFT_MARKER_RE = new RegExp(
  `(US\\$|C\\$|CA\\$|CAD\\$|A\\$|AU\\$|NZ\\$|S\\$|SG\\$|HK\\$|\\$|£|€|¥|₹|\\b(?:${CODES}))\\s?$`,
)
const RIGHT_MARKER_RE = new RegExp(`^ ?(€|£|\\$|(?:${CODES})(?![a-z])|dollars|euros|pounds)`, 'i')
const RANGE_GAP_RE = /^\s{0,2}(?:-{1,2}|–|—|~|to|and)\s{0,2}$/i

const PERIODS: [SalaryPeriod, RegExp][] = [
  ['hour', /^(?:\/\s?|per |an? |p\/)(?:hour|hr|h)\b|^(?:hourly|ph)\b/],
  ['day', /^(?:\/\s?|per |a |p\/)(?:day|d)\b|^(?:daily|day rate|pd)\b/],
  ['week', /^(?:\/\s?|per |a )(?:week|wk)\b|^weekly\b/],
  ['month', /^(?:\/\s?|per |a )(?:month|mo|mth)\b|^monthly\b/],
  ['year', /^(?:\/\s?|per |a )(?:year|yr|annum|y)\b|^(?:annually|yearly|annual|pa|p\.a\.|per annum)\b/],
]
const PERIOD_BEFORE: [SalaryPeriod, RegExp][] = [
  ['hour', /\b(?:hourly|per hour)\b[^.\n]{0,12}$/],
  ['day', /\b(?:day rate|daily rate|per day)\b[^.\n]{0,12}$/],
  ['month', /\b(?:monthly|per month)\b[^.\n]{0,12}$/],
  ['year', /\b(?:annual|annually|yearly|per year|per annum)\b[^.\n]{0,20}$/],
]

// Words that make a nearby figure pay. Specific ones work without a currency marker; generic ones only
// with one ("up to $120k", but not "up to 50,000 objects").
const SPECIFIC_CUE_RE =
  /\b(salary|salaries|compensation|comp|pay|pays|paying|paid|base|wage|wages|ote|earn|earning|tc)\b/gi
const GENERIC_CUE_RE =
  /\b(range|ranges|up to|between|starting|starts?|from|rate|rates|package|offering|offer|target)\b/i
const CUE_AFTER = /^[^\n]{0,40}?\b(salary|base|equity|benefits|doe|ote|depending on|options|stock|gross)\b/i
const NEG_BEFORE =
  /\b(raised|raise|raising|funding|funded|revenue|revenues|valuation|valued|worth|market|spend|spent|saved|save|saving|budget|prize|grant|award|fund|series|arr|mrr|gmv|sales|bonus|stipend|allowance|relocation|referral|signing|sign-on|loan|loans|debt|capital|invest|invested|investment|processed|processing|transactions|volume|price|priced|costs?|fee|fees|fine|fines|donated|credit|credits|brings? in|generat\w*|turnover|making|order|orders)\b/i
const NEG_AFTER =
  /^\W{0,3}(?:in |of |worth of )?(funding|users|downloads|customers|clients|employees|people|members|companies|businesses|merchants|requests|revenue|arr|mrr|bonus|signing|budget|stipend|allowance|market|industry|valuation|raised|series [a-f]|grant|grants|seed round|seed funding|credits|per person|relocation|run rate|daily active|dau|mau|transactions|loans|visits|visitors|views|subscribers|installs|followers|rows|records|events|lines|order|orders|sales|debt|venture|capital|payments|assets|cash|objects|developers|engineers|stars)\b/i

const LINE_CAP = 80

function parseNumber(s: string): number | null {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ''))
  if (/^\d{1,3}(?:\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, ''))
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s)
  return null
}

function scanNumbers(text: string, masked: readonly number[]): Num[] {
  const nums: Num[] = []
  let r = 0
  NUM_RE.lastIndex = 0
  for (let m = NUM_RE.exec(text); m; m = NUM_RE.exec(text)) {
    while (r < masked.length && (masked[r + 1] ?? 0) <= m.index) r += 2
    if (r < masked.length && (masked[r] ?? Infinity) <= m.index) continue
    const prev = text[m.index - 1] ?? ' '
    const leftCtx = text.slice(Math.max(0, m.index - 5), m.index)
    const left = LEFT_MARKER_RE.exec(leftCtx)
    // Part of a word or a version ("H1B", "v5.12", ".5%", "#1"), unless glued to a currency ("AUD140K").
    if (!left && /[\p{L}\p{N}_.#/]/u.test(prev)) continue
    const value = parseNumber(m[0])
    if (value === null) continue
    let end = m.index + m[0].length
    const after = text.slice(end, end + 12)
    const suffix = SUFFIX_RE.exec(after)
    let unit: Num['unit'] = ''
    if (suffix) {
      unit = /^k|thousand/i.test(suffix[1] ?? '') ? 'k' : 'big'
      end += suffix[0].length
    } else if (/^[\p{L}%]/u.test(after) && !RIGHT_MARKER_RE.test(after)) continue // "5th", "24h", "10%"
    if (text[end] === '%') continue
    let marker = left?.[1] ?? null
    const start = left ? m.index - (leftCtx.length - left.index) : m.index
    const right = RIGHT_MARKER_RE.exec(text.slice(end, end + 9))
    if (right) {
      marker = marker ?? right[1] ?? null
      end += right[0].length
    }
    nums.push({ start, end, value, unit, marker })
  }
  return nums
}

function periodAround(text: string, start: number, end: number): SalaryPeriod | null {
  const after = text
    .slice(end, end + 24)
    .toLowerCase()
    .replace(/^[\s+]*(?:(?:usd|eur|gbp|cad|aud)\s*)?/, '')
  for (const [p, re] of PERIODS) if (re.test(after)) return p
  const before = text.slice(Math.max(0, start - 40), start).toLowerCase()
  for (const [p, re] of PERIOD_BEFORE) if (re.test(before)) return p
  return null
}

// Context of a figure: the same line, and the same "|" field of a header line.
const lineBefore = (text: string, start: number): string => {
  const s = text.slice(Math.max(0, start - LINE_CAP), start)
  return s.slice(Math.max(s.lastIndexOf('\n'), s.lastIndexOf('|')) + 1)
}
const lineAfter = (text: string, end: number): string => {
  const s = text.slice(end, end + LINE_CAP)
  const cut = s.search(/[\n|]/)
  return cut < 0 ? s : s.slice(0, cut)
}

interface FigureFacts {
  marker: string | null
  period: SalaryPeriod | null
  k: boolean
  range: boolean
  lo: number
  top: number
  a: Num
  firstLineEnd: number
  headerHasPipes: boolean
}

/** 0 = not pay; 1–3 = weak to sure. */
function payStrength(_text: string, before: string, after: string, f: FigureFacts): number {
  // The last specific cue before the figure; a negative word after it ("Salary ... raised $5M") wins.
  let cueEnd = -1
  SPECIFIC_CUE_RE.lastIndex = 0
  const near = before.slice(-45)
  for (let m = SPECIFIC_CUE_RE.exec(near); m; m = SPECIFIC_CUE_RE.exec(near)) cueEnd = m.index + m[0].length
  const specific = cueEnd >= 0
  if (NEG_BEFORE.test(near.slice(Math.max(0, cueEnd)).slice(-40)) || NEG_AFTER.test(after)) return 0
  const inHeader = f.headerHasPipes && f.a.start < f.firstLineEnd
  const cueAfter = CUE_AFTER.test(after)
  if (f.marker) {
    const anyCue = specific || cueAfter || inHeader || GENERIC_CUE_RE.test(before.slice(-30))
    if (f.period) return 3
    if (f.k) return anyCue ? 3 : 2
    if (f.top >= 1000 && (f.range || anyCue)) return 2
    return 0
  }
  if (f.period) return specific || inHeader ? 2 : 0
  if (f.k && (specific || cueAfter || inHeader)) return 2
  if (f.k && f.range && f.lo >= 20000 && f.top < 1_000_000) return 1
  if (f.top >= 10000 && (specific || inHeader)) return 1
  return 0
}

/**
 * Pay figures in `text`; `trusted` = a dedicated salary field, where any figure is pay. `masked`: URL and
 * e-mail ranges (numbers inside them are never pay), computed here when not given.
 */
export function findPayFigures(text: string, trusted: boolean, masked?: readonly number[]): PayFigure[] {
  const nums = scanNumbers(text, masked ?? maskedRanges(text))
  const firstLineEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')
  const headerHasPipes = text.slice(0, firstLineEnd).includes('|')
  const out: PayFigure[] = []
  for (let i = 0; i < nums.length; i++) {
    const a = nums[i] as Num
    let b: Num | null = null
    const next = nums[i + 1]
    if (next && next.start - a.end <= 6) {
      const gap = text.slice(a.end, next.start)
      const between = /\bbetween\s+\S*$/i.test(text.slice(Math.max(0, a.start - 12), a.start))
      if (RANGE_GAP_RE.test(gap) && (!/and/i.test(gap) || between)) b = next
    }
    if (b) i++
    if (a.unit === 'big' || b?.unit === 'big') continue
    const hi = b ?? a
    let lo = a.value * (a.unit === 'k' ? 1000 : 1)
    let top = hi.value * (hi.unit === 'k' ? 1000 : 1)
    // "$120-150k": the k of the upper end applies to both.
    if (b && !a.unit && b.unit === 'k' && a.value < 1000) lo = a.value * 1000
    if (b && a.unit === 'k' && !b.unit && b.value < 1000) top = b.value * 1000
    if (lo > top) [lo, top] = [top, lo]
    const marker = a.marker ?? hi.marker
    const k = a.unit === 'k' || hi.unit === 'k'
    if (k && a.value === 401 && !marker) continue // 401k retirement plan
    const period = periodAround(text, a.start, hi.end)
    const before = lineBefore(text, a.start)
    const after = lineAfter(text, hi.end)
    const strength = trusted
      ? 3
      : payStrength(text, before, after, {
          marker,
          period,
          k,
          range: b !== null,
          lo,
          top,
          a,
          firstLineEnd,
          headerHasPipes,
        })
    if (strength === 0) continue
    out.push({ start: a.start, end: hi.end, min: lo, max: top, marker, period, strength })
  }
  return out
}
