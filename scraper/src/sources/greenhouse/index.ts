// Greenhouse job boards (boards-api.greenhouse.io): one board token per configured source.
import { z } from 'zod'
import { getJson, trimBaseUrl } from '../shared/http.ts'
import type { SourceModule } from '../types.ts'
import { parseGreenhouseJobs } from './parse.ts'

const GreenhouseConfig = z.object({
  board: z.string().min(1),
  /** Display name when the board's `company_name` is missing or unwanted. */
  company: z.string().min(1).optional(),
})
export type GreenhouseConfig = z.infer<typeof GreenhouseConfig>

export const greenhouseSource: SourceModule<GreenhouseConfig> = {
  kind: 'greenhouse',
  configSchema: GreenhouseConfig,
  defaultBaseUrl: 'https://boards-api.greenhouse.io',
  async list(config, { baseUrl, http }) {
    const url = `${trimBaseUrl(baseUrl)}/v1/boards/${encodeURIComponent(config.board)}/jobs?content=true`
    const data = await getJson(http, url, 'greenhouse')
    const { ads, warnings } = parseGreenhouseJobs(data, { company: config.company })
    return { ads, requests: 1, warnings }
  },
}
