// Picker search over the skill catalogue: best match first ("kubernetes" finds Kubernetes before
// Azure Kubernetes Service), then the skills with more ads, so a short query lands on what people
// mean. Pure (no DOM) and tested beside.
import type { Skill } from './api'

export type Searchable = Pick<Skill, 'id' | 'name' | 'category' | 'categoryLabel' | 'ads' | 'noData'>

function norm(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9+#.]+/g, ' ')
    .trim()
}

/** 0 exact, 1 prefix of the name, 2 a word of the name starts with it, 3 inside a word; null = no match. */
export function matchScore(skill: Pick<Skill, 'id' | 'name'>, query: string): number | null {
  const q = norm(query)
  if (!q) return null
  const name = norm(skill.name)
  const id = norm(skill.id)
  if (name === q || id === q) return 0
  if (name.startsWith(q) || id.startsWith(q)) return 1
  if (name.split(' ').some((w) => w.startsWith(q))) return 2
  if (name.includes(q) || id.includes(q)) return 3
  return null
}

/** Skills matching `query`, best first; skills without data only when `withNoData`. */
export function searchSkills<T extends Searchable>(
  skills: readonly T[],
  query: string,
  withNoData = false,
  limit = 12,
): T[] {
  const hits: { skill: T; score: number }[] = []
  for (const skill of skills) {
    if (skill.noData && !withNoData) continue
    const score = matchScore(skill, query)
    if (score !== null) hits.push({ skill, score })
  }
  hits.sort(
    (a, b) =>
      a.score - b.score ||
      b.skill.ads - a.skill.ads ||
      a.skill.name.length - b.skill.name.length ||
      a.skill.name.localeCompare(b.skill.name),
  )
  return hits.slice(0, limit).map((h) => h.skill)
}

export interface SkillGroup<T> {
  category: string
  label: string
  skills: T[]
}

/** Skills by category in the API's category order, most ads first within each. */
export function groupSkills<T extends Searchable>(
  skills: readonly T[],
  categories: readonly { id: string; label: string }[],
  withNoData = false,
): SkillGroup<T>[] {
  const groups = new Map<string, SkillGroup<T>>()
  for (const c of categories) groups.set(c.id, { category: c.id, label: c.label, skills: [] })
  for (const skill of skills) {
    if (skill.noData && !withNoData) continue
    let group = groups.get(skill.category)
    if (!group) {
      group = { category: skill.category, label: skill.categoryLabel, skills: [] }
      groups.set(skill.category, group)
    }
    group.skills.push(skill)
  }
  for (const g of groups.values()) g.skills.sort((a, b) => b.ads - a.ads || a.name.localeCompare(b.name))
  return [...groups.values()].filter((g) => g.skills.length > 0)
}
