// Every configured crawl target: Hacker News (configured by env) and each entry of the sources
// file. The scheduler plans from these; the scrape role resolves each one's source module by kind.
import type { Config } from './config.ts'
import type { SourcesFile } from './sources-config.ts'

export interface CrawlTarget {
  /** Source key: 'hn' or a board id; prefix of the ad ids it stores. */
  id: string
  /** Source module kind, e.g. 'hn', 'greenhouse'. */
  kind: string
  enabled: boolean
  /** How often new units are looked for (a board: how often it is re-read). */
  everyMinutes: number
  baseUrl?: string | undefined
  config: Record<string, unknown>
}

export const HN_SOURCE = 'hn'

type HnEnv = Pick<
  Config,
  | 'HN_ALGOLIA_URL'
  | 'HN_WEB_URL'
  | 'HN_MONTHS'
  | 'HN_SINCE'
  | 'HN_RESCAN_DAYS'
  | 'HN_THREAD_READER'
  | 'SCHEDULE_INTERVAL_MINUTES'
>

export function hnTarget(cfg: HnEnv): CrawlTarget {
  return {
    id: HN_SOURCE,
    kind: 'hn',
    enabled: true,
    everyMinutes: cfg.SCHEDULE_INTERVAL_MINUTES,
    baseUrl: cfg.HN_ALGOLIA_URL,
    config: {
      webUrl: cfg.HN_WEB_URL,
      months: cfg.HN_MONTHS,
      ...(cfg.HN_SINCE && { since: cfg.HN_SINCE }),
      rescanDays: cfg.HN_RESCAN_DAYS,
      rescanEveryMinutes: cfg.SCHEDULE_INTERVAL_MINUTES,
      reader: cfg.HN_THREAD_READER,
    },
  }
}

export function crawlTargets(cfg: HnEnv, sources: SourcesFile): CrawlTarget[] {
  return [
    hnTarget(cfg),
    ...sources.sources.map((s) => ({
      id: s.id,
      kind: s.kind,
      enabled: s.enabled,
      everyMinutes: s.everyMinutes,
      baseUrl: s.baseUrl,
      config: s.config,
    })),
  ]
}
