// Greenhouse job boards (boards-api.greenhouse.io): one board token per configured source.
import { z } from 'zod'
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
    const url = `${baseUrl.replace(/\/+$/, '')}/v1/boards/${encodeURIComponent(config.board)}/jobs?content=true`
    const res = await http.json(url)
    if (res.status >= 400) throw new Error(`greenhouse: GET ${url} returned HTTP ${res.status}`)
    const { ads, warnings } = parseGreenhouseJobs(res.data, { company: config.company })
    return { ads, requests: 1, warnings }
  },
}
