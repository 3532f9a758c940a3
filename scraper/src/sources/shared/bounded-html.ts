// HTML → DOM with the work per page bounded, for every page a source parses. Hostile or broken markup
// made parsing cost grow with the square of the nesting depth (parse5's scope checks, htmlparser2's
// open-element stack): 1 MB of nested or unclosed tags cost minutes of CPU and hundreds of MB.
// One htmlparser2 pass builds the tree and counts as it goes; a page over a limit is refused at the
// point it crosses it, with a reason the caller records. With the depth capped, each tag costs at most
// MAX_DEPTH steps, so the whole parse is linear in the page size (bytes are capped too).
import { Parser } from 'htmlparser2'
import { DomHandler, type Document } from 'domhandler'

export interface HtmlLimits {
  /** Characters of markup. Real HN thread pages reach ~3 MB. */
  maxChars: number
  /** Open elements at once. Real pages nest ~20–40 deep; browsers flatten beyond 512. */
  maxDepth: number
  /** Elements in the page. The largest recorded HN page has ~43k. */
  maxElements: number
  /** Wall time of the parse, checked every few thousand elements (a last resort on a busy machine). */
  maxMs: number
}

export const DEFAULT_HTML_LIMITS: HtmlLimits = {
  maxChars: 10 * 1024 * 1024,
  maxDepth: 256,
  maxElements: 250_000,
  maxMs: 10_000,
}

export interface BoundedHtmlOptions {
  limits?: Partial<HtmlLimits>
  /** Decode entities in text and attributes (false keeps them as written, for source positions). */
  decodeEntities?: boolean
  /** Record each node's start / end offset in the markup. */
  withIndices?: boolean
}

export type BoundedHtml =
  { ok: true; document: Document; elements: number; maxDepth: number } | { ok: false; reason: string }

class PageLimitExceeded extends Error {}

const TIME_CHECK_EVERY = 4096

// DomHandler that counts elements and depth and stops the parse by throwing out of the parser's
// callback (htmlparser2 runs callbacks synchronously inside write/end).
class CountingHandler extends DomHandler {
  depth = 0
  maxDepthSeen = 0
  elements = 0
  private readonly startedAt = performance.now()

  constructor(
    private readonly limits: HtmlLimits,
    withIndices: boolean,
  ) {
    super(undefined, { withStartIndices: withIndices, withEndIndices: withIndices })
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    this.elements++
    this.depth++
    if (this.depth > this.maxDepthSeen) this.maxDepthSeen = this.depth
    if (this.depth > this.limits.maxDepth)
      throw new PageLimitExceeded(`nested more than ${this.limits.maxDepth} elements deep`)
    if (this.elements > this.limits.maxElements)
      throw new PageLimitExceeded(`more than ${this.limits.maxElements} elements`)
    if (this.elements % TIME_CHECK_EVERY === 0 && performance.now() - this.startedAt > this.limits.maxMs)
      throw new PageLimitExceeded(`parsing took longer than ${this.limits.maxMs} ms`)
    super.onopentag(name, attribs)
  }

  override onclosetag(): void {
    this.depth--
    super.onclosetag()
  }
}

/** The page's DOM, or why it was refused ("page refused: nested more than 256 elements deep"). */
export function parseHtmlBounded(html: string, options: BoundedHtmlOptions = {}): BoundedHtml {
  const limits = { ...DEFAULT_HTML_LIMITS, ...options.limits }
  if (html.length > limits.maxChars)
    return { ok: false, reason: `page refused: ${html.length} characters, more than ${limits.maxChars}` }
  const handler = new CountingHandler(limits, options.withIndices ?? false)
  const parser = new Parser(handler, { xmlMode: false, decodeEntities: options.decodeEntities ?? true })
  try {
    parser.end(html)
  } catch (error) {
    if (error instanceof PageLimitExceeded) return { ok: false, reason: `page refused: ${error.message}` }
    throw error
  }
  return { ok: true, document: handler.root, elements: handler.elements, maxDepth: handler.maxDepthSeen }
}
