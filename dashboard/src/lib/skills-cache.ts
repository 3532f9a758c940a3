// The skill catalogue (with per-skill ads under the filters, categories with labels) cached per API
// path for the page session: pickers and labels need it on several pages, and it rarely changes.
import { fetchSkillList, type SkillsResponse } from './api'

const cache = new Map<string, Promise<SkillsResponse>>()

export function loadSkills(fetchFn: typeof fetch, path = '/api/v1/skills'): Promise<SkillsResponse> {
  let hit = cache.get(path)
  if (!hit) {
    hit = fetchSkillList(fetchFn, path).catch((err: unknown) => {
      cache.delete(path) // let "Retry" try again
      throw err
    })
    cache.set(path, hit)
  }
  return hit
}

/** Skill id → name, and `category:<id>` → category label. */
export function nameMap(skills: SkillsResponse): Map<string, string> {
  const names = new Map(skills.skills.map((s) => [s.id, s.name]))
  for (const c of skills.categories) names.set(`category:${c.id}`, c.label)
  return names
}
