// Shapes of the skill taxonomy. The data lives in ./catalog/*.ts (one file per group of categories);
// aliases and their disambiguation rules are declarative so the matcher stays one generic automaton.

export type SkillCategory =
  | 'language'
  | 'runtime'
  | 'framework'
  | 'frontend'
  | 'mobile'
  | 'api'
  | 'database'
  | 'messaging'
  | 'cloud'
  | 'containers'
  | 'serverless'
  | 'infrastructure'
  | 'ci-cd'
  | 'observability'
  | 'architecture'
  | 'data'
  | 'os'
  | 'testing'
  | 'tools'

/**
 * An alias whose plain match is not enough (a common word, a place, an employer, a letter).
 * All conditions given must hold.
 */
export interface AliasRule {
  /** Alias text; tokenised exactly like ad text, matched case-insensitively unless `cased` is set. */
  text: string
  /** Accept only when the first token is spelled exactly like one of these ("Go" but not "go"). */
  cased?: string[]
  /**
   * Accept only in technical context: a named (unambiguous) skill within a few tokens, or one of the
   * context words (see CONTEXT_WORDS in the matcher) nearby.
   */
  context?: boolean
  /** Extra words that count as context for this alias only (Oracle: "database", "PL/SQL"). */
  contextWords?: string[]
  /** Accept only when some skill of this category was also named in the ad (Lambda needs AWS). */
  needsDocCategory?: string
  /** Reject when the token right after the match is one of these (lower case); "#num" = any number. */
  notBefore?: string[]
  /** Reject when the token right before the match is one of these (lower case). */
  notAfter?: string[]
  /**
   * Other spellings than `cased` are still accepted with context: 'context' = the usual context test,
   * 'list' = a named skill within two tokens ("c, c++", "python, go").
   */
  looseCase?: 'context' | 'list'
  /** Reject when the character right before the match is one of these ("Velocity.js" is not JavaScript). */
  notAfterChars?: string
  /** Reject when the character right after the match is one of these ("R&D"). */
  notBeforeChars?: string
  /**
   * At the start of a sentence, line or list item a capital letter proves nothing ("Express solid
   * understanding", "Spring is three years old"): there the hit needs this context, as for `looseCase`.
   */
  sentenceStart?: 'list'
  /**
   * Words or phrases (lower case) that, anywhere in the ad, show the other sense of this name
   * ("electronic medical record" for EMR): the name is then not the technology in that ad.
   */
  otherSense?: string[]
  /** Reject when one of these tokens (lower case) is within a few tokens, same clause ("GitHub, LinkedIn"). */
  notNear?: string[]
  /** Further skill ids this alias names by itself ("Ruby on Rails" names ruby too). */
  also?: string[]
}

export type Alias = string | AliasRule

export interface SkillDef {
  id: string
  name: string
  category: SkillCategory
  /** Extra spellings; the display name is always an alias unless a rule with the same text exists. */
  aliases?: Alias[]
  /** Broader skills (aws-lambda → aws, serverless; django → python). */
  parents?: string[]
  /**
   * True when naming this skill also names its parents (EC2 names AWS; EKS names Kubernetes and AWS):
   * parents are then reported as named, not inferred. False for framework → language (Django is not Python).
   */
  namesParents?: boolean
  /**
   * Also the name of a company (Snowflake, Datadog, Heroku): a mention in a sentence about customers,
   * investors, partners or someone's past employer is not usage, and neither is the ad's own company name.
   */
  vendor?: boolean
  /** When true the display name is not used as an alias (only the listed aliases). */
  noNameAlias?: boolean
}
