// We Work Remotely RSS 2.0 feed → normalised ads. Pure: no I/O.
// Item titles are "Company: Role"; <description> holds entity-escaped HTML (the XML parser unescapes it
// once, giving HTML) that starts with a "Headquarters / URL" block about the company.
import * as cheerio from 'cheerio'
import { z } from 'zod'
import { htmlToText } from '@stackradar/core/text'
import { parseDate } from '../shared/dates.ts'
import { describeIssues } from '../shared/zod-issues.ts'
import type { NormalizedAd } from '../types.ts'

const FIELDS = [
  'title',
  'link',
  'guid',
  'pubDate',
  'region',
  'country',
  'state',
  'skills',
  'category',
  'type',
] as const

const WwrItem = z.object({
  title: z.string().min(1),
  link: z.string().min(1),
  guid: z.string(),
  pubDate: z.string(),
  region: z.string(),
  country: z.string(),
  state: z.string(),
  skills: z.string(),
  category: z.string(),
  type: z.string(),
  description: z.string(),
})
type WwrItem = z.infer<typeof WwrItem>

export function parseWwrFeed(xml: string): { ads: NormalizedAd[]; warnings: string[] } {
  const $ = cheerio.load(xml, { xml: true })
  const channel = $('rss > channel')
  if (channel.length === 0)
    throw new Error('weworkremotely: response is not an RSS 2.0 feed (no <rss><channel>)')
  const ads: NormalizedAd[] = []
  const warnings: string[] = []
  channel.children('item').each((index, el) => {
    const raw = readItem($(el))
    const item = WwrItem.safeParse(raw)
    if (item.success) ads.push(toAd(item.data))
    else warnings.push(`weworkremotely: item #${index} skipped: ${describeIssues(item.error)}`)
  })
  return { ads, warnings }
}

// The one part of cheerio's API readItem uses (its node type comes from a package not declared here).
interface ItemNode {
  children(selector: string): { first(): { text(): string }; attr(name: string): string | undefined }
}

/** The item's child elements as plain strings (missing ones as ''), kept as the raw payload. */
function readItem(item: ItemNode): Record<string, string> {
  const raw: Record<string, string> = {}
  for (const field of [...FIELDS, 'description']) raw[field] = item.children(field).first().text().trim()
  const image = item.children('media\\:content').attr('url')
  if (image) raw['media:content'] = image
  return raw
}

function toAd(item: WwrItem): NormalizedAd {
  const { company, role } = splitTitle(item.title)
  const location = [item.region, item.country].filter(Boolean).join(', ')
  return {
    sourceId: item.guid || item.link,
    url: item.link,
    title: role,
    company,
    location: location || null,
    remote: true, // a remote-only board; region is where candidates may live
    postedAt: parseDate(item.pubDate),
    text: htmlToText(item.description, { blocks: true }),
    salaryText: null,
    salary: null,
    employmentType: item.type || null,
    tags: [
      ...item.skills
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      ...(item.category ? [item.category] : []),
    ],
    raw: item,
  }
}

/** "Acme Corp: Senior Go Developer" → company and role; the role itself may contain ": ". */
function splitTitle(title: string): { company: string | null; role: string } {
  const colon = title.indexOf(': ')
  if (colon <= 0) return { company: null, role: title }
  return { company: title.slice(0, colon).trim(), role: title.slice(colon + 2).trim() }
}
