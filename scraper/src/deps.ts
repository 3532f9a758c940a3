// What a scrape processor needs from the process it runs in: the shared role deps plus polite HTTP.
import type { RoleDeps } from '@stackradar/core/role-deps'
import type { SourceHttp } from './sources/types.ts'

export interface ScrapeDeps extends RoleDeps {
  /** Polite HTTP (and the browser pool) for board sources. */
  sourceHttp: SourceHttp
}
