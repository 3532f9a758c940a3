// Skill matching: tokens → longest alias at each position (one hash lookup per token), then ambiguous
// aliases are decided by their rule (case, neighbouring words, named skills nearby), then parents are added.
import { getSkillDef, type AliasRule } from '../taxonomy/index.ts'
import type { SkillMatch } from './types.ts'
import { ALIAS_INDEX, type CompiledAlias } from './alias-index.ts'
import { atSentenceStart, listGap, notNeededAfter, outOfScope } from './scope.ts'
import { tokenize, type Token } from './tokenize.ts'

/** Tokens that make an ambiguous alias technical when within WINDOW tokens of it. */
const CONTEXT_WORDS = new Set(
  (
    'developer developers engineer engineers engineering programming programmer programmers language languages ' +
    'code coding codebase written stack backend frontend server servers services microservices framework ' +
    'frameworks library libraries dev devs proficiency proficient expertise familiarity skills tech technologies ' +
    'lang runtime apps sdk api apis web tooling scripting database databases'
  ).split(' '),
)
// After an ambiguous name these make it an organisation ("Spark Capital", "Phoenix Labs").
const ORG_SUFFIX = new Set(
  'capital ventures partners labs inc llc ltd gmbh corp corporation group foundation'.split(' '),
)
// A sentence about customers, investors, partners or past employers: company-named skills in it are not usage.
const NON_USAGE_RE =
  /\b(?:customers?|clients?) (?:include|including|like|such as)|\b(?:used|trusted|backed|funded|founded|led) by\b|\bteams at\b|\b(?:companies|orgs|organi[sz]ations|brands) (?:like|such as|including)\b|\bfounders? of\b|\bformer(?:ly)?\b|\bex-|\balumni\b|\binvestors?\b|\bpartner(?:s|ships?)? (?:include|with)\b|\bpartnerships?\b|\bpreviously (?:at|worked)\b|\bworked at\b|\bacquired by\b|\bcompetitors?\b|\bthe next\b|\bspun out of\b/i
// "MongoDB is hiring": the employer, whatever the header says.
const HIRING_RE = /^\s+(?:is|are) (?:hiring|looking for|seeking)\b/i
const SENTENCE_CAP = 300
const WINDOW = 4
const LIST_WINDOW = 6
const MAX_EVIDENCE = 3

interface Hit {
  alias: CompiledAlias
  first: number
  last: number
  /** 0 = pending (ambiguous), 1 = accepted, -1 = rejected */
  state: number
  /** Spelled unlike the rule's `cased`: needs this much context. */
  loose: 'context' | 'list' | null
}

/** Blanks, hyphens or a comma (or one "/" or ".") between two tokens: one phrase ("go-to", "Phoenix, AZ", "TS/SCI"). */
function adjacent(text: string, a: Token | undefined, b: Token | undefined): boolean {
  if (!a || !b || b.start - a.end > 3) return false
  if (b.start - a.end === 1 && (text[a.end] === '.' || text[a.end] === '/')) return true
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 45 && c !== 44 && c !== 9 && c !== 160) return false
  }
  return true
}

/** The gap between two alias tokens in the text: short, on one line, only joiners. */
function joinable(text: string, a: Token, b: Token, slash: boolean): boolean {
  if (b.start - a.end > 3) return false
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i)
    // space . - _ nbsp, and "/" when the alias itself has one
    if (c !== 32 && c !== 46 && c !== 45 && c !== 95 && c !== 160 && !(slash && c === 47)) return false
  }
  return true
}

function findHits(text: string, tokens: Token[]): Hit[] {
  const hits: Hit[] = []
  for (let i = 0; i < tokens.length; i++) {
    const cands = ALIAS_INDEX.get((tokens[i] as Token).norm)
    if (!cands) continue
    for (const c of cands) {
      const len = c.tokens.length
      if (i + len > tokens.length) continue
      let ok = true
      for (let j = 1; j < len && ok; j++) {
        const t = tokens[i + j] as Token
        ok =
          t.norm === c.tokens[j] && joinable(text, tokens[i + j - 1] as Token, t, c.slashGap[j - 1] === true)
      }
      if (!ok) continue
      hits.push({ alias: c, first: i, last: i + len - 1, state: c.rule ? 0 : 1, loose: null })
      i += len - 1
      break
    }
  }
  return hits
}

/** Checks that need only the hit's own tokens (case, vetoing neighbours). */
function passesLocal(text: string, tokens: Token[], hit: Hit, rule: AliasRule): boolean {
  const first = tokens[hit.first] as Token
  if (rule.cased && !rule.cased.includes(text.slice(first.start, first.end))) {
    if (!rule.looseCase) return false
    hit.loose = rule.looseCase
  } else if (rule.sentenceStart && atSentenceStart(text, first.start)) hit.loose = rule.sentenceStart
  if (rule.otherSense && otherSenseIn(text, rule)) return false
  if (rule.notAfterChars && rule.notAfterChars.includes(text[first.start - 1] ?? '\n')) return false
  const next = tokens[hit.last + 1]
  if (rule.notBefore && next && adjacent(text, tokens[hit.last], next)) {
    if (rule.notBefore.includes(next.norm) || (rule.notBefore.includes('#num') && /^\d+$/.test(next.norm)))
      return false
  }
  if (rule.notBeforeChars && rule.notBeforeChars.includes(text[(tokens[hit.last] as Token).end] ?? '\n'))
    return false
  if (next && adjacent(text, tokens[hit.last], next) && ORG_SUFFIX.has(next.norm)) return false
  const prev = tokens[hit.first - 1]
  if (rule.notAfter && prev && adjacent(text, prev, first) && rule.notAfter.includes(prev.norm)) return false
  if (rule.notNear) {
    for (let k = Math.max(0, hit.first - WINDOW); k <= Math.min(tokens.length - 1, hit.last + WINDOW); k++) {
      const t = tokens[k] as Token
      if (!rule.notNear.includes(t.norm)) continue
      const [a, b] = k < hit.first ? [t.end, first.start] : [(tokens[hit.last] as Token).end, t.start]
      if (sameClause(text, a, b)) return false
    }
  }
  return true
}

// One look per ad and rule: the whole text is searched once however often the name occurs.
let senseText = ''
const senseSeen = new Map<AliasRule, boolean>()
function otherSenseIn(text: string, rule: AliasRule): boolean {
  if (text !== senseText) {
    senseText = text
    senseSeen.clear()
  }
  let seen = senseSeen.get(rule)
  if (seen === undefined) senseSeen.set(rule, (seen = otherSenseRe(rule).test(text)))
  return seen
}

const OTHER_SENSE = new WeakMap<AliasRule, RegExp>()
function otherSenseRe(rule: AliasRule): RegExp {
  let re = OTHER_SENSE.get(rule)
  if (!re) {
    const words = (rule.otherSense ?? []).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    re = new RegExp(`\\b(?:${words.join('|')})\\b`, 'i')
    OTHER_SENSE.set(rule, re)
  }
  return re
}

/** No sentence break between two offsets (a list item's neighbours, not the next sentence). */
function sameClause(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 46 || c === 33 || c === 63 || c === 59 || c === 58 || c === 10) return false
  }
  return true
}

/**
 * In a list of technologies: a named skill listed right next to it ("node.js, express"), or a
 * separator next to it and two named skills around it in the same clause ("(spring and its
 * subprojects, guice, guava, maven").
 */
function inList(text: string, tokens: Token[], named: Uint8Array, hit: Hit): boolean {
  for (const k of [hit.first - 1, hit.first - 2])
    if (k >= 0 && named[k] && listGap(text, tokens, k, hit.first)) return true
  for (const k of [hit.last + 1, hit.last + 2])
    if (k < tokens.length && named[k] && listGap(text, tokens, hit.last, k)) return true
  const first = tokens[hit.first] as Token
  const last = tokens[hit.last] as Token
  if (
    !/[,/(]\s*$/.test(text.slice(Math.max(0, first.start - 3), first.start)) &&
    !/^\s*[,/)]/.test(text.slice(last.end, last.end + 3))
  )
    return false
  let around = 0
  for (
    let k = Math.max(0, hit.first - LIST_WINDOW);
    k <= Math.min(tokens.length - 1, hit.last + LIST_WINDOW);
    k++
  ) {
    if (!named[k] || (k >= hit.first && k <= hit.last) || (k > 0 && named[k - 1] && k - 1 !== hit.last))
      continue
    const [a, b] = k < hit.first ? [k, hit.first] : [hit.last, k]
    if (sameClause(text, (tokens[a] as Token).end, (tokens[b] as Token).start)) around++
  }
  return around >= 2
}

/** The name is a whole line or list item by itself ("- Agile.", "* Go"): an item of a list of skills. */
function aloneOnLine(text: string, tokens: Token[], hit: Hit): boolean {
  // Only bullets and blanks may stand between the line break and the name, so the scans stay short.
  let i = (tokens[hit.first] as Token).start - 1
  while (i >= 0 && ' \t-*•·'.includes(text[i] as string)) i--
  if (i >= 0 && text[i] !== '\n') return false
  let j = (tokens[hit.last] as Token).end
  while (j < text.length && ' \t.,;'.includes(text[j] as string)) j++
  return j >= text.length || text[j] === '\n' || text[j] === '\r'
}

function hasContext(text: string, tokens: Token[], named: Uint8Array, hit: Hit, rule: AliasRule): boolean {
  if (aloneOnLine(text, tokens, hit)) return true
  if (hit.loose === 'list') return inList(text, tokens, named, hit)
  const window = WINDOW
  const from = Math.max(0, hit.first - window)
  const to = Math.min(tokens.length - 1, hit.last + window)
  for (let k = from; k <= to; k++) {
    if (k >= hit.first && k <= hit.last) continue
    if (named[k]) return true
    const norm = (tokens[k] as Token).norm
    if (CONTEXT_WORDS.has(norm) || rule.contextWords?.includes(norm)) return true
  }
  return false
}

function markNamed(named: Uint8Array, hit: Hit): void {
  for (let k = hit.first; k <= hit.last; k++) named[k] = 1
}

/** The sentence around [start, end), capped, cut at . ! ? and line breaks. */
function sentenceAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - SENTENCE_CAP)
  const before = text.slice(from, start)
  const cut = Math.max(
    before.lastIndexOf('. '),
    before.lastIndexOf('\n'),
    before.lastIndexOf('! '),
    before.lastIndexOf('? '),
  )
  const after = text.slice(end, end + SENTENCE_CAP)
  const stop = after.search(/[.!?](?:\s|$)|\n/)
  return before.slice(cut + 1) + text.slice(start, end) + (stop < 0 ? after : after.slice(0, stop))
}

/** Company names that are skills, used as a company: the ad's own company, customers, investors, past jobs. */
function isCompanyMention(text: string, tokens: Token[], hit: Hit, company: CompanyHint): boolean {
  const start = (tokens[hit.first] as Token).start
  const end = (tokens[hit.last] as Token).end
  // An ambiguous word that is the employer's whole name ("Spring, Inc.") is the employer in its own ad.
  if (hit.alias.rule && company.name && bareName(company.name) === text.slice(start, end).toLowerCase())
    return true
  if (!hit.alias.skill.vendor) return false
  if (HIRING_RE.test(text.slice(end, end + 24))) return true
  const span = company.span
  if (span && start >= span[0] && end <= span[1]) return true
  // The employer's own name anywhere in its ad ("courses at MongoDB University").
  if (company.name && company.name.toLowerCase().startsWith(text.slice(start, end).toLowerCase())) return true
  return NON_USAGE_RE.test(sentenceAround(text, start, end))
}

/** "Spring, Inc." → "spring": the name without legal suffix or punctuation. */
function bareName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[,.]?\s+(?:inc|llc|ltd|gmbh|corp|co|sa|bv|ag)\.?$/, '')
    .replace(/[^\p{L}\p{N}+#. ]/gu, '')
    .trim()
}

export interface CompanyHint {
  /** Where the ad names its own company (an HN header's first field). */
  span?: [number, number] | null
  /** The employer's name, from the source or the header. */
  name?: string | null
}

/** Remember what the ad names (ids, categories, parents) for rules that need a named neighbour. */
function noteDoc(docIds: Set<string>, hit: Hit): void {
  const s = hit.alias.skill
  docIds.add(s.id).add(s.category)
  for (const p of s.parents ?? []) docIds.add(p)
}

export function resolveHits(text: string, tokens: Token[], hits: Hit[], company: CompanyHint = {}): Hit[] {
  // A technology the ad compares itself with ("a better Hadoop") is a comparison wherever it is named.
  const compared = new Set<string>()
  for (const hit of hits) {
    const scope = outOfScope(text, (tokens[hit.first] as Token).start)
    if (scope === 'compared') compared.add(hit.alias.skill.id)
    if (
      scope ||
      isCompanyMention(text, tokens, hit, company) ||
      notNeededAfter(text, (tokens[hit.last] as Token).end)
    )
      hit.state = -1
  }
  if (compared.size > 0) for (const hit of hits) if (compared.has(hit.alias.skill.id)) hit.state = -1
  const named = new Uint8Array(tokens.length)
  const docIds = new Set<string>()
  for (const hit of hits) {
    if (hit.state === 1) {
      markNamed(named, hit)
      noteDoc(docIds, hit)
    } else if (hit.state === 0 && !passesLocal(text, tokens, hit, hit.alias.rule as AliasRule)) hit.state = -1
  }
  // Two rounds so a chain of ambiguous names ("Go, Rust, Swift") next to one clear name is accepted.
  for (let round = 0; round < 2; round++) {
    for (const hit of hits) {
      if (hit.state !== 0) continue
      const rule = hit.alias.rule as AliasRule
      if ((rule.context || hit.loose) && !hasContext(text, tokens, named, hit, rule)) continue
      if (rule.needsDocCategory && !docIds.has(rule.needsDocCategory)) continue
      hit.state = 1
      markNamed(named, hit)
      noteDoc(docIds, hit)
    }
  }
  acceptListChains(text, tokens, hits)
  return hits.filter((h) => h.state === 1)
}

/**
 * Three or more names listed together ("Node/Express/Backbone") are a stack list even when each is
 * ambiguous alone: the pending ones that passed their own checks are accepted.
 */
function acceptListChains(text: string, tokens: Token[], hits: Hit[]): void {
  let from = 0
  for (let i = 1; i <= hits.length; i++) {
    const prev = hits[i - 1] as Hit
    const cur = hits[i]
    if (cur && cur.state >= 0 && prev.state >= 0 && listGap(text, tokens, prev.last, cur.first)) continue
    if (i - from >= 3)
      for (let k = from; k < i; k++) if ((hits[k] as Hit).state === 0) (hits[k] as Hit).state = 1
    from = i
  }
}

function addMatch(out: Map<string, SkillMatch>, id: string, evidence: string, inferred: boolean): void {
  const have = out.get(id)
  if (have) {
    if (have.inferred && !inferred) have.inferred = false
    if (have.evidence.length < MAX_EVIDENCE && !have.evidence.includes(evidence)) have.evidence.push(evidence)
    return
  }
  const def = getSkillDef(id)
  if (def) out.set(id, { id, category: def.category, evidence: [evidence], inferred })
}

/** `tokens`: tokenize(text), when the caller already has them. */
export function extractSkills(
  text: string,
  company: CompanyHint = {},
  tokens: Token[] = tokenize(text),
): SkillMatch[] {
  const hits = resolveHits(text, tokens, findHits(text, tokens), company)
  const out = new Map<string, SkillMatch>()
  for (const hit of hits) {
    const span = text.slice((tokens[hit.first] as Token).start, (tokens[hit.last] as Token).end)
    addMatch(out, hit.alias.skill.id, span, false)
    for (const id of hit.alias.also) addMatch(out, id, span, false)
  }
  // Parents: named when the child names them (EKS → AWS), else inferred (Django → Python). Transitive.
  const queue = [...out.values()]
  for (let q = 0; q < queue.length; q++) {
    const m = queue[q] as SkillMatch
    const def = getSkillDef(m.id)
    for (const parent of def?.parents ?? []) {
      const named = !m.inferred && def?.namesParents === true
      const before = out.get(parent)
      addMatch(out, parent, m.evidence[0] ?? '', !named)
      const after = out.get(parent)
      if (after && (!before || (before.inferred && !after.inferred))) queue.push(after)
    }
  }
  return [...out.values()]
}
