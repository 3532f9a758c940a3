// Compiles every alias of the taxonomy into one lookup keyed by its first token: the matcher does a single
// hash lookup per text token and only then compares the (at most four) following tokens.
import { SKILLS, type AliasRule, type SkillDef } from '../taxonomy/index.ts'
import { aliasTokens } from './tokenize.ts'

export interface CompiledAlias {
  skill: SkillDef
  tokens: string[]
  /** slashGap[j]: the alias itself has a "/" between token j and j+1 ("CI/CD"), so the text may too. */
  slashGap: boolean[]
  rule: AliasRule | null
  /** Ids named by this alias besides the skill itself. */
  also: string[]
}

function compile(skill: SkillDef, text: string, rule: AliasRule | null): CompiledAlias | null {
  const tokens = aliasTokens(text)
  if (tokens.length === 0 || tokens.length > 4) return null
  const slashGap: boolean[] = []
  let pos = 0
  const lower = text.toLowerCase()
  for (let j = 0; j < tokens.length - 1; j++) {
    const a = lower.indexOf(tokens[j] ?? '', pos) + (tokens[j] ?? '').length
    const b = lower.indexOf(tokens[j + 1] ?? '', a)
    slashGap.push(lower.slice(a, b).includes('/'))
    pos = a
  }
  return { skill, tokens, slashGap, rule, also: rule?.also ?? [] }
}

function build(): Map<string, CompiledAlias[]> {
  const index = new Map<string, CompiledAlias[]>()
  const seen = new Set<string>()
  const add = (c: CompiledAlias | null): void => {
    if (!c) return
    const key = c.tokens.join(' ')
    if (seen.has(key)) return // first definition wins; the taxonomy test checks there are no clashes
    seen.add(key)
    const first = c.tokens[0] ?? ''
    const list = index.get(first) ?? []
    list.push(c)
    index.set(first, list)
  }
  for (const skill of SKILLS) {
    const ruled = new Set<string>()
    for (const alias of skill.aliases ?? []) {
      if (typeof alias === 'string') add(compile(skill, alias, null))
      else {
        ruled.add(aliasTokens(alias.text).join(' '))
        add(compile(skill, alias.text, alias))
      }
    }
    if (!skill.noNameAlias && !ruled.has(aliasTokens(skill.name).join(' ')))
      add(compile(skill, skill.name, null))
  }
  // Longest alias first so "React Native" wins over "React".
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length)
  return index
}

export const ALIAS_INDEX: ReadonlyMap<string, readonly CompiledAlias[]> = build()

/** Alias keys defined by more than one skill (the later ones are ignored); used by the taxonomy test. */
export function aliasClashes(): string[] {
  const owner = new Map<string, string>()
  const clashes: string[] = []
  for (const skill of SKILLS) {
    const names = (skill.aliases ?? []).map((a) => (typeof a === 'string' ? a : a.text))
    if (!skill.noNameAlias) names.push(skill.name)
    for (const key of new Set(names.map((n) => aliasTokens(n).join(' ')))) {
      const prev = owner.get(key)
      if (prev && prev !== skill.id) clashes.push(`${key}: ${prev} / ${skill.id}`)
      else owner.set(key, skill.id)
    }
  }
  return clashes
}
