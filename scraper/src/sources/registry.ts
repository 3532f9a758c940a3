// Every source module by kind. Job boards implement `list` (their whole listing) and are read as
// one-unit crawl sources; paged sources (Hacker News) implement the crawl contract directly. A new
// source is one module plus one line here.
import { ashbySource } from './ashby/index.ts'
import { greenhouseSource } from './greenhouse/index.ts'
import { himalayasSource } from './himalayas/index.ts'
import { jobicySource } from './jobicy/index.ts'
import { jsonLdSource } from './jsonld/index.ts'
import { leverSource } from './lever/index.ts'
import { remoteOkSource } from './remoteok/index.ts'
import { remotiveSource } from './remotive/index.ts'
import { hnSource } from './hn/source.ts'
import { listingSource } from './listing-source.ts'
import type { CrawlSource, SourceModule } from './types.ts'
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

/** Every crawl source by kind: the paged ones and each board module as a one-unit listing. */
const crawlSources = new Map<string, CrawlSource>([
  ['hn', hnSource],
  ...Object.values(sourceModules).map((m): [string, CrawlSource] => [
    m.kind,
    listingSource<Record<string, unknown>>(m),
  ]),
])

/** The crawl source of a kind, or undefined for an unknown kind. */
export function getCrawlSource(kind: string): CrawlSource | undefined {
  return crawlSources.get(kind)
}

/** Add a source module at run time (a plug-in, or a test's own source). A kind is taken once. */
export function registerCrawlSource<C extends Record<string, unknown>>(source: CrawlSource<C>): void {
  if (crawlSources.has(source.kind))
    throw new Error(`a source of kind '${source.kind}' is already registered`)
  crawlSources.set(source.kind, source)
}
