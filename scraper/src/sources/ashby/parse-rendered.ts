// Ashby's public board page (jobs.ashbyhq.com/{board}) after JavaScript ran → normalised ads. Pure.
//
// Assumed DOM (the page is a React app with hashed class names, so only structure is relied on):
//   <h2>Engineering</h2>                                 ← department heading before its jobs
//   <a href="/{board}/{job uuid}">
//     <h3>Senior Backend Engineer</h3>
//     <p>Engineering • Berlin • Remote • Full time</p>    ← details joined by "•"
//   </a>
// Each link to `/{board}/{uuid}` is one job. The listing has no description, so `text` is only the
// title and details line; the API path (parse.ts) is the one to prefer.
import * as cheerio from 'cheerio'
import type { NormalizedAd } from '../types.ts'

const JOB_PATH = /^\/([^/]+)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i
const EMPLOYMENT = /^(full[ -]?time|part[ -]?time|contract(or)?|intern(ship)?|temporary|freelance)$/i
const WORKPLACE = /^(remote|hybrid|on-?site)$/i

export function parseAshbyRenderedBoard(
  html: string,
  pageUrl: string,
  board: string,
  company: string | null,
): { ads: NormalizedAd[]; warnings: string[] } {
  const $ = cheerio.load(html)
  const ads: NormalizedAd[] = []
  const seen = new Set<string>()
  $('a[href]').each((_, el) => {
    const link = $(el)
    const url = new URL(link.attr('href') ?? '', pageUrl)
    const match = JOB_PATH.exec(url.pathname)
    if (!match || match[1]?.toLowerCase() !== board.toLowerCase() || seen.has(match[2] ?? '')) return
    const id = match[2] ?? ''
    seen.add(id)
    const title = (link.find('h1, h2, h3, h4').first().text() || link.text()).trim()
    const details = link
      .find('p')
      .first()
      .text()
      .split('•')
      .map((s) => s.trim())
      .filter(Boolean)
    const department =
      link.prevAll('h2').first().text().trim() ||
      link.closest('section, div').find('h2').first().text().trim()
    ads.push({
      sourceId: id,
      url: url.href,
      title,
      company,
      location:
        details.filter((d) => d !== department && !EMPLOYMENT.test(d) && !WORKPLACE.test(d)).join(', ') ||
        null,
      remote: remoteOf(details),
      postedAt: null,
      text: [title, details.join(' • ')].filter(Boolean).join('\n'),
      salaryText: null,
      salary: null,
      employmentType: details.find((d) => EMPLOYMENT.test(d)) ?? null,
      tags: department ? [department] : [],
      raw: { id, url: url.href, title, details, department: department || null },
    })
  })
  const warnings =
    ads.length === 0 ? [`ashby: no job links to /${board}/<uuid> on the rendered page ${pageUrl}`] : []
  return { ads, warnings }
}

function remoteOf(details: string[]): boolean | null {
  if (details.some((d) => /\bremote\b/i.test(d))) return true
  if (details.some((d) => /^(hybrid|on-?site)$/i.test(d))) return false
  return null
}
