// Where a named technology is not asked for: the words just before it put it in the scope of a
// negation ("you don't need Kubernetes"), someone's background ("spent two years at a Ruby shop") or a
// comparison ("is the new Python", "feels like Rails"). Also what makes a gap between two names a list
// ("node.js, express", "Node/Express/Backbone", "Python or Go").
import type { Token } from './tokenize.ts'

/** How far back (characters, same clause) a scope cue may stand before the name. */
const SCOPE_CHARS = 60
// Names already listed between the cue and this one ("at Ruby/Rails shop": Rails is in scope too).
const LISTED = String.raw`(?:[\w.#+-]+ ?[/,&] ?)*`
const cues = (list: string[]): RegExp => new RegExp(list.map((cue) => `(?:${cue})${LISTED}$`).join('|'), 'i')

const NOT_ASKED_RE = cues([
  // negation of need
  String.raw`\b(?:(?:do|does|will)(?:n['’]?t| not)|no|never) (?:need|have) (?:to (?:know|use|learn) )?(?:any )?`,
  String.raw`\bno (?:need|experience (?:is )?(?:needed|required)) (?:for|with|in) (?:any )?`,
  String.raw`\bnot (?:your|an?|the) (?:average|typical|usual|regular) "?`,
  // background: someone's past job
  String.raw`\b(?:spent|worked|working)\b[^.;:!?\n]{0,30}\bat (?:an? |the )?`,
  // what is being replaced
  String.raw`\b(?:migrat(?:e|ed|es|ing|ion)|mov(?:e|ed|es|ing)(?: away)?|switch(?:ed|es|ing)?|transition(?:ed|ing)?) from (?:an? |the |our )?(?:legacy |old |existing |current )?`,
])
// A comparison: the ad measures itself against the technology ("a better Hadoop"), it does not use it.
const COMPARED_RE = cues([
  String.raw`\bis the new `,
  String.raw`\b(?:build|building|make|making|create|creating) (?:a|the) better `,
  String.raw`\bhybrid (?:between|of) [^.;:]{0,40}`,
  String.raw`\b(?:in the (?:same )?(?:mold|mould|vein|spirit) (?:as|of)|similar to|modell?ed (?:after|on)|inspired by) `,
  String.raw`\bprefer(?:s|red|ring)? [\w.#+-]+ (?:to|over) `,
  String.raw`\b(?:feels?|felt|looks?) (?:a lot |much )?like `,
])
// A stock ticker ("Nasdaq: RUBY") names a company.
const TICKER_RE = /\b(?:nasdaq|nyse)\s*:\s*$/i

export type Scope = 'not-asked' | 'compared' | null

/**
 * Whether the name starting at `start` is negated, someone's background or being replaced
 * ('not-asked'), or a comparison ('compared'); null when it is a plain mention.
 */
export function outOfScope(text: string, start: number): Scope {
  if (TICKER_RE.test(text.slice(Math.max(0, start - 12), start))) return 'not-asked'
  let from = Math.max(0, start - SCOPE_CHARS)
  for (let i = start - 1; i >= from; i--) {
    const c = text.charCodeAt(i)
    // . ! ? ; : newline end the clause (a "." inside "node.js" does not: it has no space after it)
    if (
      c === 10 ||
      c === 33 ||
      c === 63 ||
      c === 59 ||
      ((c === 46 || c === 58) && text.charCodeAt(i + 1) === 32)
    ) {
      from = i + 1
      break
    }
  }
  const clause = text.slice(from, start)
  if (NOT_ASKED_RE.test(clause)) return 'not-asked'
  return COMPARED_RE.test(clause) ? 'compared' : null
}

// "HTML/CSS is NOT necessary", "Ruby experience is not required" (other names of the list included).
const NOT_NEEDED_AFTER_RE =
  /^(?:\s*[/,&]\s*[\w.#+-]+)*\s+(?:(?:experience|knowledge|skills?)\s+)?(?:is|are)\s+not\s+(?:necessary|required|needed|a requirement)\b/i

/** True when the words right after the name say it is not needed. */
export function notNeededAfter(text: string, end: number): boolean {
  return NOT_NEEDED_AFTER_RE.test(text.slice(end, end + 80))
}

const LIST_WORDS = new Set(['and', 'or', 'with', 'plus'])

/**
 * Two names are listed together: between them only list punctuation (, / & + | parentheses) and at
 * most one joining word ("and", "or"), and at least one of those. "Node shops go" is not a list.
 */
export function listGap(text: string, tokens: Token[], a: number, b: number): boolean {
  const left = tokens[a] as Token
  const right = tokens[b] as Token
  if (b - a > 2 || right.start - left.end > 12) return false
  if (b - a === 2 && !LIST_WORDS.has((tokens[a + 1] as Token).norm)) return false
  const gap = text.slice(left.end, right.start)
  if (b - a === 2) return /^[\s,(]*\w+\s*$/.test(gap) || /^\s*,?\s*\w+\s*$/.test(gap)
  return /^[\s]*[,/&+|()][\s,/&+|()]*$/.test(gap) && !/\n/.test(gap)
}

/** At the start of the text, a line, a list item or a sentence: a capital letter there proves nothing. */
export function atSentenceStart(text: string, start: number): boolean {
  let i = start - 1
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || '-*•·>'.includes(text[i] as string))) i--
  if (i < 0) return true
  const c = text[i]
  return c === '\n' || c === '.' || c === '!' || c === '?' || c === ':'
}
