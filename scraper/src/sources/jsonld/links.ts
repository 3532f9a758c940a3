// Which links on a careers listing page lead to single job ads. Pure.
import * as cheerio from 'cheerio'
import type { Document } from 'domhandler'
import { parseHtmlBounded } from '../shared/bounded-html.ts'
import { walkElements } from '../shared/dom-walk.ts'

// A path segment naming jobs, followed by at least one more segment: /jobs/123, /careers/backend-engineer.
const JOB_PATH = /(?:^|\/)(?:jobs?|careers?|positions?|vacanc(?:y|ies)|openings?)\/[^/?#]+/i

/**
 * Absolute ad URLs in page order, without duplicates or fragments. With `selector`, the matching
 * elements (links, or cards containing a link) are taken as they are; without it, same-origin links
 * whose path looks like a job ad.
 */
export function findAdLinks(html: string, pageUrl: string, selector?: string): string[] {
  const parsed = parseHtmlBounded(html)
  return parsed.ok ? adLinksInDocument(parsed.document, pageUrl, selector) : []
}

/** findAdLinks on a page already parsed (within bounds). */
export function adLinksInDocument(document: Document, pageUrl: string, selector?: string): string[] {
  const page = new URL(pageUrl)
  const found = new Set<string>()
  const add = (href: string | undefined, requireJobPath: boolean) => {
    if (!href) return
    let url: URL
    try {
      url = new URL(href, page)
    } catch {
      return
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return
    url.hash = ''
    if (requireJobPath) {
      if (url.origin !== page.origin || url.pathname.replace(/\/$/, '') === page.pathname.replace(/\/$/, ''))
        return
      if (!JOB_PATH.test(url.pathname)) return
    }
    found.add(url.href)
  }
  if (selector) {
    const $ = cheerio.load(document)
    $(selector).each((_, el) => {
      const node = $(el)
      add(
        node.attr('href') ??
          node.find('a[href]').first().attr('href') ??
          node.closest('a[href]').attr('href'),
        false,
      )
    })
  } else {
    walkElements(document, (el) => {
      if (el.name === 'a') add(el.attribs.href, true)
      return 'descend'
    })
  }
  return [...found]
}
