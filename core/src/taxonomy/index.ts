// The skill taxonomy: versioned data plus accessors. Bump TAXONOMY_VERSION whenever ids, aliases or rules
// change, and EXTRACTOR_VERSION with it (so stored ads get re-extracted).
import { LANGUAGES } from './catalog/languages.ts'
import { PLATFORM } from './catalog/platform.ts'
import { PRACTICES } from './catalog/practices.ts'
import { STORES } from './catalog/stores.ts'
import { WEB } from './catalog/web.ts'
import type { SkillCategory, SkillDef } from './types.ts'

export type { Alias, AliasRule, SkillCategory, SkillDef } from './types.ts'

export const TAXONOMY_VERSION = 2

export const SKILLS: readonly SkillDef[] = [...LANGUAGES, ...WEB, ...STORES, ...PLATFORM, ...PRACTICES]

const BY_ID = new Map<string, SkillDef>()
for (const skill of SKILLS) {
  if (BY_ID.has(skill.id)) throw new Error(`taxonomy: duplicate skill id ${skill.id}`)
  BY_ID.set(skill.id, skill)
}
for (const skill of SKILLS) {
  for (const parent of skill.parents ?? []) {
    if (!BY_ID.has(parent)) throw new Error(`taxonomy: ${skill.id} has unknown parent ${parent}`)
  }
}

export interface SkillSummary {
  id: string
  name: string
  category: SkillCategory
  parents: string[]
}

export function listSkills(): SkillSummary[] {
  return SKILLS.map((s) => ({
    id: s.id,
    name: s.name,
    category: s.category,
    parents: [...(s.parents ?? [])],
  }))
}

export function getSkill(id: string): SkillSummary | undefined {
  const s = BY_ID.get(id)
  return s && { id: s.id, name: s.name, category: s.category, parents: [...(s.parents ?? [])] }
}

/** Full definition including aliases and rules (for the matcher). */
export function getSkillDef(id: string): SkillDef | undefined {
  return BY_ID.get(id)
}
