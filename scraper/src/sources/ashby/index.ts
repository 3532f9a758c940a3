// Ashby job boards: the public Posting API, or (render: true) the JavaScript-rendered board page.
import { z } from 'zod'
import { getJson, trimBaseUrl } from '../shared/http.ts'
import type { SourceModule } from '../types.ts'
import { parseAshbyJobBoard } from './parse.ts'
import { parseAshbyRenderedBoard } from './parse-rendered.ts'

const AshbyConfig = z.object({
  board: z.string().min(1),
  /** Read the rendered board page through the browser pool instead of the API. */
  render: z.boolean().optional(),
  /** Display name; the API sends none, so the board name is used when this is absent. */
  company: z.string().min(1).optional(),
  /** Where the rendered board lives (render: true only); tests point it at a local server. */
  siteBaseUrl: z.url().optional(),
})
export type AshbyConfig = z.infer<typeof AshbyConfig>

const DEFAULT_SITE_BASE = 'https://jobs.ashbyhq.com'

export const ashbySource: SourceModule<AshbyConfig> = {
  kind: 'ashby',
  configSchema: AshbyConfig,
  defaultBaseUrl: 'https://api.ashbyhq.com',
  async list(config, { baseUrl, http }) {
    const company = config.company ?? config.board
    const board = encodeURIComponent(config.board)
    if (config.render) {
      const url = `${trimBaseUrl(config.siteBaseUrl ?? DEFAULT_SITE_BASE)}/${board}`
      const res = await http.rendered(url)
      if (res.status >= 400) throw new Error(`ashby: rendering ${url} returned HTTP ${res.status}`)
      return { ...parseAshbyRenderedBoard(res.body, res.url || url, config.board, company), requests: 1 }
    }
    const url = `${trimBaseUrl(baseUrl)}/posting-api/job-board/${board}?includeCompensation=true`
    return { ...parseAshbyJobBoard(await getJson(http, url, 'ashby'), company), requests: 1 }
  },
}
