// schema.org JobPosting (JSON-LD) → normalised ad. Pure apart from hashing.
// Real pages fill the same property with a string, an object or an array of either, so the schema
// validates only what an ad cannot do without (a title) and the helpers below read the rest loosely.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { decodeHtmlEntities } from '@stackradar/core/text'
import { htmlToText } from '@stackradar/core/text'
import { parseDate } from '../shared/dates.ts'
import { describeIssues } from '../shared/zod-issues.ts'
import type { NormalizedAd, SalaryPeriod } from '../types.ts'
import { parseHtmlBounded } from '../shared/bounded-html.ts'
import { postingsInDocument } from './extract.ts'
import { adLinksInDocument } from './links.ts'

const JobPosting = z.object({
  title: z.string().trim().min(1),
  description: z.string().nullish(),
  datePosted: z.string().nullish(),
  url: z.string().nullish(),
  identifier: z.unknown().optional(),
  hiringOrganization: z.unknown().optional(),
  jobLocation: z.unknown().optional(),
  jobLocationType: z.unknown().optional(),
  applicantLocationRequirements: z.unknown().optional(),
  baseSalary: z.unknown().optional(),
  employmentType: z.unknown().optional(),
  occupationalCategory: z.unknown().optional(),
  // Some sites put the body of the ad here instead of (or besides) the description.
  responsibilities: z.string().nullish(),
  qualifications: z.string().nullish(),
  skills: z.string().nullish(),
})
type JobPosting = z.infer<typeof JobPosting>

const UNITS: Record<string, SalaryPeriod> = {
  HOUR: 'hour',
  DAY: 'day',
  WEEK: 'week',
  MONTH: 'month',
  YEAR: 'year',
}

export interface CareersPage {
  /** Every JobPosting on the page, as ads whose default URL is that page. */
  ads: NormalizedAd[]
  /** Links to single ads (when asked for). */
  links: string[]
  warnings: string[]
  /** Why the page was not parsed at all (over a size, depth or element limit), else null. */
  refused: string | null
}

/** One careers page, parsed once within bounds: its postings and, with `links`, its ad links. */
export function readCareersPage(
  html: string,
  pageUrl: string,
  options: { links?: boolean; adLinkSelector?: string } = {},
): CareersPage {
  const parsed = parseHtmlBounded(html)
  if (!parsed.ok) return { ads: [], links: [], warnings: [], refused: parsed.reason }
  const { postings, warnings } = postingsInDocument(parsed.document, pageUrl)
  const links = options.links ? adLinksInDocument(parsed.document, pageUrl, options.adLinkSelector) : []
  return { ...adsOfPostings(postings, warnings, pageUrl), links, refused: null }
}

/** Every JobPosting on one page, as ads whose default URL is that page. */
export function parseJobPostingPage(
  html: string,
  pageUrl: string,
): { ads: NormalizedAd[]; warnings: string[]; refused: string | null } {
  const { ads, warnings, refused } = readCareersPage(html, pageUrl)
  return { ads, warnings, refused }
}

function adsOfPostings(
  postings: unknown[],
  warnings: string[],
  pageUrl: string,
): { ads: NormalizedAd[]; warnings: string[] } {
  const ads: NormalizedAd[] = []
  postings.forEach((raw, index) => {
    const result = jobPostingToAd(raw, pageUrl)
    if (typeof result === 'string')
      warnings.push(`jsonld: JobPosting #${index} on ${pageUrl} skipped: ${result}`)
    else ads.push(result)
  })
  return { ads: withDistinctUrlIds(ads, pageUrl), warnings }
}

/**
 * Postings without an identifier are known by their URL; several on one page without a URL of their own
 * (or sharing one) would collapse into one ad. Those get an id from their content (title, company,
 * location, employment type) and their position among postings with the same content, so removing or
 * editing another posting does not rename them. An exact repeat (the same JSON in two blocks) is one ad.
 * A single posting keeps its URL id: an ad page without a `url` is known by the page.
 */
function withDistinctUrlIds(ads: NormalizedAd[], pageUrl: string): NormalizedAd[] {
  const perId = new Map<string, number>()
  for (const ad of ads) if (isUrlId(ad.sourceId)) perId.set(ad.sourceId, (perId.get(ad.sourceId) ?? 0) + 1)
  const host = new URL(pageUrl).host
  const occurrences = new Map<string, number>()
  const idOfRaw = new Map<string, string>()
  return ads.map((ad) => {
    if ((perId.get(ad.sourceId) ?? 0) < 2) return ad
    const raw = JSON.stringify(ad.raw)
    const repeat = idOfRaw.get(raw)
    if (repeat) return { ...ad, sourceId: repeat }
    const key = [ad.sourceId, ad.title, ad.company, ad.location, ad.employmentType].join('\n')
    const position = occurrences.get(key) ?? 0
    occurrences.set(key, position + 1)
    const sourceId = `${host}:ld-${sha256Hex(`${key}\n${position}`).slice(0, 16)}`
    idOfRaw.set(raw, sourceId)
    return { ...ad, sourceId }
  })
}

const isUrlId = (sourceId: string) => /:url-[0-9a-f]{16}$/.test(sourceId)
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex')

/** The ad, or why the posting is unusable. */
export function jobPostingToAd(raw: unknown, pageUrl: string): NormalizedAd | string {
  const parsed = JobPosting.safeParse(raw)
  if (!parsed.success) return describeIssues(parsed.error)
  const p = parsed.data
  const url = absoluteUrl(p.url, pageUrl) ?? pageUrl
  const remote = strings(p.jobLocationType).some((t) => /telecommute/i.test(t)) ? true : null
  const location = locationOf(p.jobLocation) ?? (remote ? placeNames(p.applicantLocationRequirements) : null)
  const salary = salaryOf(p.baseSalary)
  return {
    sourceId: sourceIdOf(p.identifier, url),
    url,
    title: decodeHtmlEntities(p.title),
    company: nameOf(p.hiringOrganization),
    location,
    remote,
    postedAt: parseDate(p.datePosted),
    text: textOf(p),
    salaryText: salary.text,
    salary: salary.structured,
    employmentType: strings(p.employmentType).join(', ') || null,
    tags: strings(p.occupationalCategory),
    raw,
  }
}

/**
 * The site's own id, prefixed with its host: every careers site shares the one `jsonld` source, so a
 * bare "123" from two sites would collide. Without an identifier: a hash of the ad URL.
 */
function sourceIdOf(identifier: unknown, url: string): string {
  const host = new URL(url).host
  const first = Array.isArray(identifier) ? identifier[0] : identifier
  const value = isRecord(first) ? first['value'] : first
  if (typeof value === 'string' && value.trim()) return `${host}:${value.trim()}`
  if (typeof value === 'number') return `${host}:${value}`
  return `${host}:url-${sha256Hex(url).slice(0, 16)}`
}

function textOf(p: JobPosting): string {
  const parts = [p.description, p.responsibilities, p.qualifications, p.skills].filter(
    (s): s is string => !!s,
  )
  return parts
    .map((html) => {
      // Many sites entity-escape the HTML inside JSON ("&lt;p&gt;…"): unescape once when there are no tags.
      const unescaped = !html.includes('<') && html.includes('&lt;') ? decodeHtmlEntities(html) : html
      return htmlToText(unescaped, { blocks: true })
    })
    .filter(Boolean)
    .join('\n\n')
}

function locationOf(jobLocation: unknown): string | null {
  const places = (Array.isArray(jobLocation) ? jobLocation : [jobLocation]).map((place) => {
    if (typeof place === 'string') return place.trim()
    if (!isRecord(place)) return ''
    const address = place['address']
    if (typeof address === 'string') return address.trim()
    if (!isRecord(address)) return nameOf(place) ?? ''
    const parts = [address['addressLocality'], address['addressRegion'], address['addressCountry']]
      .map((part) => (isRecord(part) ? part['name'] : part))
      .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
      .map((part) => part.trim())
    return [...new Set(parts)].join(', ')
  })
  const joined = [...new Set(places.filter(Boolean))].join('; ')
  return joined || null
}

function placeNames(requirements: unknown): string | null {
  const names = (Array.isArray(requirements) ? requirements : [requirements])
    .map((r) => (typeof r === 'string' ? r : nameOf(r)))
    .filter((n): n is string => !!n)
  return names.length ? names.join('; ') : null
}

/** MonetaryAmount { currency, value: QuantitativeValue { minValue, maxValue, value, unitText } | number }. */
function salaryOf(baseSalary: unknown): { structured: NormalizedAd['salary']; text: string | null } {
  const amount = Array.isArray(baseSalary) ? baseSalary[0] : baseSalary
  if (!isRecord(amount)) return { structured: null, text: null }
  const value = amount['value']
  const quantity = isRecord(value) ? value : { value }
  const min = toNumber(quantity['minValue']) ?? toNumber(quantity['value'])
  const max = toNumber(quantity['maxValue']) ?? toNumber(quantity['value']) ?? min
  const currency = typeof amount['currency'] === 'string' ? amount['currency'].trim().toUpperCase() : ''
  const unit = quantity['unitText'] ?? amount['unitText']
  const period = typeof unit === 'string' ? UNITS[unit.trim().toUpperCase()] : undefined
  if (min == null || max == null || max <= 0 || !currency) return { structured: null, text: null }
  if (period) return { structured: { min: min || max, max, currency, period }, text: null }
  // Amount without a unit: kept as text for the salary extractor rather than guessing the period.
  return { structured: null, text: `${currency} ${min === max ? min : `${min}–${max}`}` }
}

function nameOf(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value
  const name = isRecord(first) ? first['name'] : first
  return typeof name === 'string' && name.trim() ? decodeHtmlEntities(name.trim()) : null
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value]
  return list.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim())
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim()) {
    const n = Number(value.replace(/[,\s]/g, ''))
    return Number.isFinite(n) ? n : null
  }
  return null
}

function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null
  try {
    return new URL(href, base).href
  } catch {
    return null
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
