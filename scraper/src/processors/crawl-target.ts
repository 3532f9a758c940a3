// A configured source resolved for crawling: its module (by kind), validated config and context.
import { crawlTargets, type CrawlTarget } from '@stackradar/core/crawl-targets'
import { PermanentError } from '@stackradar/core/queue'
import type { ScrapeDeps } from '../deps.ts'
import { getCrawlSource } from '../sources/registry.ts'
import type { CrawlContext, CrawlSource } from '../sources/types.ts'

export interface ResolvedTarget {
  target: CrawlTarget
  source: CrawlSource
  config: Record<string, unknown>
  context(now: Date): CrawlContext
}

export function resolveTarget(
  deps: Pick<ScrapeDeps, 'cfg' | 'sources' | 'sourceHttp'>,
  key: string,
): ResolvedTarget {
  const target = crawlTargets(deps.cfg, deps.sources).find((t) => t.id === key)
  if (!target) throw new PermanentError(`no source '${key}' (hn or an id of the sources file)`)
  const source = getCrawlSource(target.kind)
  if (!source) throw new PermanentError(`source ${key}: unknown kind '${target.kind}'`)
  const parsed = source.configSchema.safeParse(target.config)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new PermanentError(`source ${key}: invalid config: ${issues}`)
  }
  const baseUrl = target.baseUrl ?? source.defaultBaseUrl
  return {
    target,
    source,
    config: parsed.data,
    context: (now) => ({ target: key, baseUrl, http: deps.sourceHttp, now }),
  }
}
