// GET /api/v1/skills: the skill taxonomy, for pickers and validation.
import { z } from 'zod'

export const Skill = z
  .object({ id: z.string(), name: z.string(), category: z.string() })
  .meta({ id: 'Skill' })
export type Skill = z.infer<typeof Skill>

export const SkillsResponse = z.object({ skills: z.array(Skill) }).meta({ id: 'SkillsResponse' })
export type SkillsResponse = z.infer<typeof SkillsResponse>
