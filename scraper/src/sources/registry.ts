// Every job-board source module by kind, so the sources config and the scrape processor can look one up
// from the `kind` of a configured board. (Hacker News is not here: it is a thread crawl with its own
// processors, not a per-board listing.)
import { ashbySource } from './ashby/index.ts'
import { greenhouseSource } from './greenhouse/index.ts'
import { himalayasSource } from './himalayas/index.ts'
import { jobicySource } from './jobicy/index.ts'
import { jsonLdSource } from './jsonld/index.ts'
import { leverSource } from './lever/index.ts'
import { remoteOkSource } from './remoteok/index.ts'
import { remotiveSource } from './remotive/index.ts'
import type { SourceModule } from './types.ts'
import { weWorkRemotelySource } from './weworkremotely/index.ts'

export const sourceModules = {
  greenhouse: greenhouseSource,
  lever: leverSource,
  ashby: ashbySource,
  remoteok: remoteOkSource,
  remotive: remotiveSource,
  weworkremotely: weWorkRemotelySource,
  himalayas: himalayasSource,
  jobicy: jobicySource,
  jsonld: jsonLdSource,
} as const satisfies Record<string, SourceModule>

export type SourceKind = keyof typeof sourceModules

/** Config type of one kind, e.g. SourceConfig<'greenhouse'> = { board: string; company?: string }. */
export type SourceConfig<K extends SourceKind> =
  (typeof sourceModules)[K] extends SourceModule<infer C> ? C : never

export const sourceKinds = Object.keys(sourceModules) as SourceKind[]

export function isSourceKind(kind: string): kind is SourceKind {
  return Object.hasOwn(sourceModules, kind)
}

/**
 * The module of a kind, or undefined for an unknown kind (the caller decides how to report it). Its
 * config is unknown here, so validate it with `module.configSchema.parse(raw)` before `module.list(...)`.
 */
export function getSourceModule(kind: string): SourceModule | undefined {
  return isSourceKind(kind) ? sourceModules[kind] : undefined
}
