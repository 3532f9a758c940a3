// Finds schema.org JobPosting objects in a page's `<script type="application/ld+json">` blocks. Pure.
// Careers pages put them at the top level, in arrays, in `@graph`, or in an ItemList; one broken script
// tag (CMS templates often emit raw newlines or stray commas) must not hide the others. The page is parsed
// within bounds (parseHtmlBounded) and at most MAX_POSTINGS_PER_PAGE postings are read from it.
import type { Document } from 'domhandler'
import { parseHtmlBounded } from '../shared/bounded-html.ts'
import { walkElements } from '../shared/dom-walk.ts'

/** More than this on one page is not a careers page we can use whole; the rest is left out, with a warning. */
export const MAX_POSTINGS_PER_PAGE = 1000

export interface ExtractedPostings {
  postings: unknown[]
  warnings: string[]
  /** Why the page was not parsed at all (over a size, depth or element limit), else null. */
  refused: string | null
}

export function extractJobPostings(html: string, pageUrl: string): ExtractedPostings {
  const parsed = parseHtmlBounded(html)
  if (!parsed.ok) return { postings: [], warnings: [], refused: parsed.reason }
  return { ...postingsInDocument(parsed.document, pageUrl), refused: null }
}

export function postingsInDocument(
  document: Document,
  pageUrl: string,
): { postings: unknown[]; warnings: string[] } {
  const postings: unknown[] = []
  const warnings: string[] = []
  let index = 0
  walkElements(document, (el) => {
    if (el.name !== 'script') return 'descend'
    const scriptIndex = index++
    const type = (el.attribs.type ?? '').toLowerCase().trim()
    if (!type.startsWith('application/ld+json')) return 'skip'
    const text = el.children.map((child) => ('data' in child ? child.data : '')).join('')
    const data = parseJsonLd(text)
    if (data === undefined)
      warnings.push(`jsonld: unparsable JSON-LD in script #${scriptIndex} on ${pageUrl}, skipped`)
    else collectJobPostings(data, postings, 0)
    if (postings.length < MAX_POSTINGS_PER_PAGE) return 'skip'
    warnings.push(
      `jsonld: more than ${MAX_POSTINGS_PER_PAGE} JobPostings on ${pageUrl}, reading the first ${MAX_POSTINGS_PER_PAGE}`,
    )
    return 'stop'
  })
  return { postings: postings.slice(0, MAX_POSTINGS_PER_PAGE), warnings }
}

function parseJsonLd(source: string): unknown {
  // Strip CDATA / HTML-comment wrappers some templates put around the JSON.
  const text = source
    .trim()
    .replace(/^(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>$/g, '')
    .replace(/^<!--|-->$/g, '')
    .trim()
  try {
    return JSON.parse(text)
  } catch {
    // Raw control characters (newlines inside strings) are the most common breakage; outside strings they
    // are whitespace, so turning every one into a space is safe.
    try {
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      return JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' '))
    } catch {
      return undefined
    }
  }
}

function collectJobPostings(node: unknown, out: unknown[], depth: number): void {
  if (depth > 6 || node === null || typeof node !== 'object' || out.length > MAX_POSTINGS_PER_PAGE) return
  if (Array.isArray(node)) {
    for (const item of node) collectJobPostings(item, out, depth + 1)
    return
  }
  const record = node as Record<string, unknown>
  if (isJobPosting(record['@type'])) {
    out.push(record)
    return
  }
  if ('@graph' in record) collectJobPostings(record['@graph'], out, depth + 1)
  // ItemList → itemListElement: [JobPosting] or [ListItem { item: JobPosting }]
  if ('itemListElement' in record) collectJobPostings(record['itemListElement'], out, depth + 1)
  if ('item' in record) collectJobPostings(record['item'], out, depth + 1)
}

function isJobPosting(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type]
  return types.some((t) => typeof t === 'string' && /(?:^|[/:])JobPosting$/.test(t))
}
