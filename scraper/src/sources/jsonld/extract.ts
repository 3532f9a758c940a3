// Finds schema.org JobPosting objects in a page's `<script type="application/ld+json">` blocks. Pure.
// Careers pages put them at the top level, in arrays, in `@graph`, or in an ItemList; one broken script
// tag (CMS templates often emit raw newlines or stray commas) must not hide the others.
import * as cheerio from 'cheerio'

export function extractJobPostings(
  html: string,
  pageUrl: string,
): { postings: unknown[]; warnings: string[] } {
  const $ = cheerio.load(html)
  const postings: unknown[] = []
  const warnings: string[] = []
  $('script').each((index, el) => {
    const type = ($(el).attr('type') ?? '').toLowerCase().trim()
    if (!type.startsWith('application/ld+json')) return
    const data = parseJsonLd($(el).text())
    if (data === undefined)
      warnings.push(`jsonld: unparsable JSON-LD in script #${index} on ${pageUrl}, skipped`)
    else collectJobPostings(data, postings, 0)
  })
  return { postings, warnings }
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
  if (depth > 6 || node === null || typeof node !== 'object') return
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
