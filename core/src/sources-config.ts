// The sources config file (SOURCES_FILE, default ./sources.json): which job boards to scrape.
// Validated by zod here (the shape every entry shares); each source module validates its own
// `config` block. A bad file stops start-up with the entry and field that are wrong.
import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import { UserError } from './user-error.ts'

export const sourceEntrySchema = z.object({
  /** Unique key of this board, e.g. "greenhouse-gitlab"; part of stored ad ids. */
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{1,62}$/,
      '2 to 63 characters: lowercase letters, digits and -, starting with a letter or digit',
    ),
  kind: z.string().min(2),
  enabled: z.boolean().default(true),
  /** Override the module's default base URL (mirrors, tests, replays). */
  baseUrl: z.url().optional(),
  /** How often to re-read the board. */
  everyMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(360),
  config: z.record(z.string(), z.unknown()).default({}),
})

export const sourcesFileSchema = z.object({
  /** Hosts or CIDRs that may be private addresses (a local mirror); everything else must be public. */
  allowPrivate: z.array(z.string()).default([]),
  sources: z.array(sourceEntrySchema).default([]),
})

export type SourceEntry = z.infer<typeof sourceEntrySchema>
export type SourcesFile = z.infer<typeof sourcesFileSchema>

export function parseSourcesFile(json: unknown, origin = 'sources file'): SourcesFile {
  const r = sourcesFileSchema.safeParse(json)
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    throw new UserError(`Invalid ${origin}:\n  - ${issues.join('\n  - ')}`)
  }
  const ids = new Set<string>()
  for (const s of r.data.sources) {
    if (ids.has(s.id)) throw new UserError(`Invalid ${origin}: source id '${s.id}' appears twice`)
    ids.add(s.id)
  }
  return r.data
}

/** Read the file; a missing file means "no boards" (Hacker News is configured by env). */
export function loadSourcesFile(path: string): SourcesFile {
  if (!existsSync(path)) return { allowPrivate: [], sources: [] }
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new UserError(`Cannot read sources file ${path}: ${(err as Error).message}`, { cause: err })
  }
  return parseSourcesFile(json, `sources file ${path}`)
}
