// HTML → plain text for job ads, the way the evaluation set was made (see shared/eval/README.md):
// tags stripped, entities decoded, `<p>` → newline, and HN links whose text is a URL (HN truncates long
// ones with "...") replaced by their full href. One linear pass over the input with indexOf-based
// scanning, no backtracking regexes: ads are untrusted and can be large or malformed.
import { decodeHtmlEntities } from './html-entities.ts'

export interface HtmlToTextOptions {
  /**
   * Job-board layout (Greenhouse, RemoteOK, ...): whitespace collapsed as a browser would, every block
   * element starts a new paragraph (one blank line), `<li>` → "- ". Default (false) is the HN layout:
   * whitespace kept as written and every `<p>` / `</p>` is exactly one newline.
   */
  blocks?: boolean
}

// Elements that break a line. `p` and `pre` are handled on their own (HN layout).
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'section',
  'table',
  'tr',
  'ul',
  'p',
  'pre',
])
// Their content is never text.
const SKIPPED_CONTENT_TAGS = new Set(['script', 'style', 'template', 'noscript', 'head', 'title'])

const LINK_TEXT_LOOKS_LIKE_URL = /^(?:https?:\/\/|www\.)\S*$/i

interface Tag {
  name: string
  closing: boolean
  href: string | null
  /** Index just past the tag's `>`. */
  end: number
}

/** Plain text of an HTML fragment. Never throws; unclosed tags and stray `<` are tolerated. */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const blocks = options.blocks === true
  const out: string[] = []
  // Where the text of the open <a> starts in `out`, and its href.
  let link: { start: number; href: string | null } | null = null
  const n = html.length
  let i = 0
  while (i < n) {
    const lt = html.indexOf('<', i)
    if (lt === -1) {
      out.push(textChunk(html.slice(i), blocks))
      break
    }
    if (lt > i) out.push(textChunk(html.slice(i, lt), blocks))
    const next = html.charCodeAt(lt + 1)
    if (next === 33 /* ! */) {
      // Comment or doctype; an unterminated one swallows the rest, as in a browser.
      const isComment = html.startsWith('<!--', lt)
      const close = isComment ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt + 2)
      if (close === -1) break
      i = close + (isComment ? 3 : 1)
      continue
    }
    const tag = readTag(html, lt)
    if (tag === null) {
      // A stray `<` ("x < y") is text.
      out.push('<')
      i = lt + 1
      continue
    }
    if (tag.end === -1) break // tag never closed: drop the rest instead of rescanning it
    i = tag.end
    if (!tag.closing && SKIPPED_CONTENT_TAGS.has(tag.name)) {
      i = skipPast(html, i, tag.name)
      continue
    }
    if (tag.name === 'a') {
      if (!tag.closing) link = { start: out.length, href: tag.href }
      else if (link !== null) {
        replaceUrlLinkText(out, link.start, link.href)
        link = null
      }
      continue
    }
    out.push(blocks ? blockLayoutBreak(tag) : hnLayoutBreak(tag))
  }
  if (link !== null) replaceUrlLinkText(out, link.start, link.href)
  const text = out.join('')
  return blocks ? tidyBlocks(text) : text.trim()
}

function textChunk(raw: string, blocks: boolean): string {
  const text = decodeHtmlEntities(raw)
  // Browser rendering collapses whitespace; in HN layout the text keeps its newlines (as the eval set does).
  return blocks ? text.replace(/\s+/g, ' ') : text
}

function hnLayoutBreak(tag: Tag): string {
  switch (tag.name) {
    case 'p':
    case 'br':
      return '\n'
    case 'pre':
      // The eval set turned `<pre>` into a newline but not `</pre>` (HN's code blocks end with one already).
      return tag.closing ? '' : '\n'
    case 'li':
      return tag.closing ? '\n' : '\n- '
    default:
      return BLOCK_TAGS.has(tag.name) ? '\n' : ''
  }
}

function blockLayoutBreak(tag: Tag): string {
  if (tag.name === 'br') return '\n'
  if (tag.name === 'li' && !tag.closing) return '\n\n- '
  return BLOCK_TAGS.has(tag.name) ? '\n\n' : ''
}

function tidyBlocks(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .join('\n')
      // `<li><p>item</p></li>` (Ashby, Greenhouse): the bullet belongs on the item's first line.
      .replace(/^-\n+(?=[^\n])/gm, '- ')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  )
}

/** HN shows long URLs shortened ("https://example.com/jobs/backe..."); the href has the full one. */
function replaceUrlLinkText(out: string[], start: number, href: string | null): void {
  if (href === null || href === '') return
  const linkText = out.slice(start).join('').trim()
  if (!LINK_TEXT_LOOKS_LIKE_URL.test(linkText)) return
  out.length = start
  out.push(href)
}

/**
 * Reads a tag starting at `<`. Returns null when this `<` does not start a tag, and `end: -1` when the
 * tag is never closed. Quoted attribute values may contain `>`.
 */
function readTag(html: string, lt: number): Tag | null {
  let j = lt + 1
  const closing = html.charCodeAt(j) === 47 /* / */
  if (closing) j++
  const nameStart = j
  while (j < html.length && isNameChar(html.charCodeAt(j))) j++
  if (j === nameStart || !isLetter(html.charCodeAt(nameStart))) return null
  const name = html.slice(nameStart, j).toLowerCase()
  let href: string | null = null
  const n = html.length
  while (j < n) {
    const c = html.charCodeAt(j)
    if (c === 62 /* > */) return { name, closing, href, end: j + 1 }
    if (isSpace(c) || c === 47 /* / */) {
      j++
      continue
    }
    // attribute name
    const attrStart = j
    while (j < n && !isSpace(html.charCodeAt(j)) && !'=>/'.includes(html[j] as string)) j++
    const attrName = html.slice(attrStart, j).toLowerCase()
    while (j < n && isSpace(html.charCodeAt(j))) j++
    if (html.charCodeAt(j) !== 61 /* = */) continue
    j++
    while (j < n && isSpace(html.charCodeAt(j))) j++
    let value: string
    const quote = html[j]
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, j + 1)
      if (close === -1) return { name, closing, href, end: -1 }
      value = html.slice(j + 1, close)
      j = close + 1
    } else {
      const valueStart = j
      while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) !== 62) j++
      value = html.slice(valueStart, j)
    }
    if (attrName === 'href' && name === 'a') href = decodeHtmlEntities(value).trim()
  }
  return { name, closing, href, end: -1 }
}

/** Index after `</name>`, or the end of input when it never comes. */
function skipPast(html: string, from: number, name: string): number {
  const at = indexOfIgnoreCase(html, `</${name}`, from)
  if (at === -1) return html.length
  const gt = html.indexOf('>', at)
  return gt === -1 ? html.length : gt + 1
}

function indexOfIgnoreCase(haystack: string, needle: string, from: number): number {
  // Tag names in the wild are lower or upper case; try both instead of lower-casing a 1 MB string.
  const a = haystack.indexOf(needle, from)
  const b = haystack.indexOf(needle.toUpperCase(), from)
  if (a === -1) return b
  if (b === -1) return a
  return Math.min(a, b)
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 45 /* - */ || c === 58 /* : */
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12
}
