// Parses one HN item page of a "Who is hiring?" thread into job ads.
// Three real markups (shared/data/README.md §1): browser-saved 2012–2018 pages (`<span class="c00">` text,
// indent from `img[width]`), raw server HTML of 2016 (single-quoted attributes, unclosed `<p>` and `<span>`)
// and today's HN (`<div class="commtext c00">`, `td.ind[indent]`, `span.age[title]`).
// Comment rows are a flat list; only rows with indent 0 are ads.
import { load, type CheerioAPI } from 'cheerio'
import { parseHtmlBounded } from '../shared/bounded-html.ts'
import type { AnyNode, Document, Element } from 'domhandler'
import { decodeHtmlEntities, htmlToText } from '@stackradar/core/text'
import { findDescendant, hasClass, walkElements } from '../shared/dom-walk.ts'
import { parseHnAge, resolvePostedAt, type DateAnchors, type ParsedHnAge } from './hn-dates.ts'
import { monthStartFromTitle } from './thread-title.ts'
import type { HnAd, HnAge, ThreadPage, ThreadPageContext } from './types.ts'

// htmlparser2 (bounded: depth, elements, size, time) is several times faster than parse5 on these 3–4 MB
// pages and copes with the unclosed tags. Source positions let an ad's `html` be cut from the page exactly
// as HN wrote it (a re-serialised tree would close the raw pages' `<p>`s and change the text); entities
// stay as written.
const PARSER_OPTIONS = { decodeEntities: false, withIndices: true }

// Colour class of a comment's text: c00 normal, cdd/c5a/c73/… greyed by downvotes.
const COLOUR_CLASS = /(?:^|\s)c[0-9a-f]{2}(?:\s|$)/
const PLACEHOLDER_TEXT: Record<string, 'deleted' | 'flagged' | undefined> = {
  '[deleted]': 'deleted',
  '[flagged]': 'flagged',
  '[dead]': 'flagged',
}
const MAX_WARNINGS = 20

/** Cheap check that a body is an HN item page at all (an error page or a captcha is not). */
export function looksLikeHnItemPage(html: string): boolean {
  return /class=["']?(?:fatitem|comment-tree|athing)/.test(html.slice(0, 300_000))
}

export function parseThreadPage(html: string, ctx: ThreadPageContext): ThreadPage {
  const page: ThreadPage = {
    threadId: ctx.threadId,
    title: null,
    threadAge: null,
    ads: [],
    nextPageUrl: null,
    stats: { commentRows: 0, topLevel: 0, skipped: { deleted: 0, flagged: 0, empty: 0 } },
    warnings: [],
    refused: null,
  }
  const parsed = parseHtmlBounded(html, PARSER_OPTIONS)
  if (!parsed.ok) {
    page.refused = parsed.reason
    warn(page, parsed.reason)
    return page
  }
  try {
    fillPage(load(parsed.document), html, ctx, page)
  } catch (error) {
    // Never throw on odd markup: keep what was read so far and say why it stopped.
    warn(page, `parsing stopped: ${error instanceof Error ? error.message : String(error)}`)
  }
  return page
}

interface PageLandmarks {
  /** `table.fatitem`, or else (raw 2016 pages have no such class) the story's `tr.athing` and `td.subtext`. */
  story: Element | null
  storyRow: Element | null
  subtext: Element | null
  titleElement: Element | null
  moreLink: Element | null
  rows: Element[]
}

function fillPage($: CheerioAPI, html: string, ctx: ThreadPageContext, page: ThreadPage): void {
  const landmarks = findLandmarks($.root()[0] as Document)
  page.title = readTitle($, landmarks)
  const threadAge = readThreadAge($, landmarks.story ?? landmarks.subtext)
  page.threadAge = threadAge && publicAge(threadAge)
  page.nextPageUrl = readNextPageUrl(landmarks.moreLink, ctx.pageUrl, page)
  const anchors: DateAnchors = {
    threadCreatedAt: ctx.threadCreatedAt ?? threadAge?.absolute ?? null,
    threadAge,
    titleMonthStart: page.title === null ? null : monthStartFromTitle(page.title),
  }
  if (landmarks.rows.length === 0 && !looksLikeHnItemPage(html)) {
    warn(page, 'not an HN item page (no comment rows, no story)')
  }
  const seen = new Set<string>()
  for (const row of landmarks.rows) {
    page.stats.commentRows++
    const ad = readTopLevelAd($, html, row, anchors, page)
    if (ad === null) continue
    if (seen.has(ad.sourceId)) warn(page, `comment ${ad.sourceId} appears twice`)
    else {
      seen.add(ad.sourceId)
      page.ads.push(ad)
    }
  }
}

// One walk over the document; comment rows (most of the page) are not descended into.
function findLandmarks(root: Document): PageLandmarks {
  const landmarks: PageLandmarks = {
    story: null,
    storyRow: null,
    subtext: null,
    titleElement: null,
    moreLink: null,
    rows: [],
  }
  walkElements(root, (el) => {
    if (el.name === 'tr' && hasClass(el, 'comtr')) {
      landmarks.rows.push(el)
      return 'skip'
    }
    if (el.name === 'tr' && landmarks.storyRow === null && hasClass(el, 'athing')) landmarks.storyRow = el
    else if (el.name === 'td' && landmarks.subtext === null && hasClass(el, 'subtext')) landmarks.subtext = el
    if (el.name === 'table' && landmarks.story === null && hasClass(el, 'fatitem')) {
      landmarks.story = el
      return 'skip'
    }
    if (el.name === 'title' && landmarks.titleElement === null) landmarks.titleElement = el
    else if (el.name === 'a' && landmarks.moreLink === null && hasClass(el, 'morelink'))
      landmarks.moreLink = el
    return 'descend'
  })
  return landmarks
}

function readTopLevelAd(
  $: CheerioAPI,
  html: string,
  row: Element,
  anchors: DateAnchors,
  page: ThreadPage,
): HnAd | null {
  const id = row.attribs.id
  const parts = findRowParts(row)
  const indent = parts.indentCell === null ? null : readIndent(parts.indentCell)
  if (indent === null) {
    warn(page, `comment ${id ?? '?'} has no readable indent`)
    return null
  }
  if (indent !== 0) return null
  page.stats.topLevel++
  if (id === undefined || !/^\d+$/.test(id)) {
    warn(page, 'top-level comment row without a numeric id')
    return null
  }
  if (parts.comment === null) {
    // Seen once in the corpus: the last row of a page cut short while saving.
    warn(page, `comment ${id} has no div.comment (page cut short?)`)
    page.stats.skipped.empty++
    return null
  }
  const textElement = findTextElement(parts.comment)
  // Deleted/flagged rows have no text element: their placeholder sits in div.comment itself.
  const adHtml = sourceHtmlOfText(html, textElement ?? parts.comment)
  const text = htmlToText(adHtml)
  const skipReason = text === '' ? 'empty' : PLACEHOLDER_TEXT[text]
  if (skipReason !== undefined) {
    page.stats.skipped[skipReason]++
    return null
  }
  if (textElement === null) warn(page, `comment ${id} has text but no commtext/colour element`)
  const age = parts.age ? parseHnAge(decodeHtmlEntities($(parts.age).text()), parts.age.attribs.title) : null
  const dated = resolvePostedAt(age, anchors)
  if (dated === null) {
    warn(page, `comment ${id}: no date could be derived (age "${age?.text ?? ''}")`)
    return null
  }
  const author = parts.author ? decodeHtmlEntities($(parts.author).text()).trim() : ''
  return { sourceId: id, author: author === '' ? null : author, html: adHtml, text, ...dated }
}

interface RowParts {
  indentCell: Element | null
  age: Element | null
  author: Element | null
  comment: Element | null
}

function findRowParts(row: Element): RowParts {
  const parts: RowParts = { indentCell: null, age: null, author: null, comment: null }
  walkElements(row, (el) => {
    if (el.name === 'td' && parts.indentCell === null && hasClass(el, 'ind')) parts.indentCell = el
    else if (el.name === 'span' && parts.age === null && hasClass(el, 'age')) parts.age = el
    else if (el.name === 'a' && parts.author === null && hasClass(el, 'hnuser')) parts.author = el
    else if (el.name === 'div' && parts.comment === null && hasClass(el, 'comment')) {
      parts.comment = el
      return 'skip' // the text is read later, and only for top-level rows
    }
    return 'descend'
  })
  return parts
}

/** Indent level: `td.ind[indent]` on today's HN, `img[width]` (40 px per level) on older pages. */
function readIndent(cell: Element): number | null {
  const indentAttribute = cell.attribs.indent
  if (indentAttribute !== undefined && /^\d+$/.test(indentAttribute)) return Number(indentAttribute)
  const width = findDescendant(cell, (el) => el.name === 'img')?.attribs.width
  if (width !== undefined && /^\d+$/.test(width)) return Math.round(Number(width) / 40)
  return null
}

/** `.commtext` (today's HN) or the colour-class span (c00, cdd, … on older pages). */
function findTextElement(comment: Element): Element | null {
  return (
    findDescendant(comment, (el) => hasClass(el, 'commtext')) ??
    findDescendant(comment, (el) => el.name === 'span' && COLOUR_CLASS.test(el.attribs.class ?? ''))
  )
}

/**
 * The page's own markup of the comment text. Older pages nest the reply link (`div.reply`) inside the
 * text span (the raw 2016 pages never close the span) and end the text with an empty `<span>`; neither
 * belongs to the ad.
 */
function sourceHtmlOfText(html: string, container: Element): string {
  const children = container.children
  const first = children[0]
  if (first === undefined) return ''
  const reply = children.find((child) => 'attribs' in child && hasClass(child, 'reply'))
  // An element closed implicitly (the raw pages' last `<p>`) has no reliable end: cut at the reply link.
  const end = reply ? reply.startIndex : lastEnd(children)
  if (first === reply || first.startIndex === null || end === null) return ''
  return html
    .slice(first.startIndex, end)
    .replace(/<span>\s*<\/span>/g, '')
    .trim()
}

function lastEnd(nodes: AnyNode[]): number | null {
  const endIndex = nodes[nodes.length - 1]?.endIndex
  return endIndex === null || endIndex === undefined ? null : endIndex + 1
}

function readTitle($: CheerioAPI, landmarks: PageLandmarks): string | null {
  const storyPart = landmarks.story ?? landmarks.storyRow
  const link =
    storyPart && findDescendant(storyPart, (el) => hasClass(el, 'storylink') || hasClass(el, 'titleline'))
  let text = ''
  if (link) {
    // `span.titleline` (today) holds the title link first, then the site in `span.sitebit`.
    const titleLink = link.name === 'a' ? link : findDescendant(link, (el) => el.name === 'a')
    text = titleLink ? $(titleLink).text() : ''
  }
  if (text.trim() === '' && landmarks.titleElement) {
    text = $(landmarks.titleElement)
      .text()
      .replace(/\s*\|\s*Hacker News\s*$/, '')
  }
  const title = decodeHtmlEntities(text).replace(/\s+/g, ' ').trim()
  return title === '' ? null : title
}

function readThreadAge($: CheerioAPI, story: Element | null): ParsedHnAge | null {
  const age = story && findDescendant(story, (el) => el.name === 'span' && hasClass(el, 'age'))
  if (!age) return null
  return parseHnAge(decodeHtmlEntities($(age).text()), age.attribs.title)
}

function readNextPageUrl(moreLink: Element | null, pageUrl: string, page: ThreadPage): string | null {
  const href = moreLink?.attribs.href
  if (href === undefined) return null
  try {
    return new URL(decodeHtmlEntities(href), pageUrl).toString()
  } catch {
    warn(page, `unusable "More" link: ${href}`)
    return null
  }
}

function publicAge(age: ParsedHnAge): HnAge {
  return { text: age.text, absolute: age.absolute, relativeSeconds: age.relativeSeconds }
}

function warn(page: ThreadPage, message: string): void {
  if (page.warnings.length < MAX_WARNINGS) page.warnings.push(message)
  else if (page.warnings.length === MAX_WARNINGS) page.warnings.push('… more warnings left out')
}
