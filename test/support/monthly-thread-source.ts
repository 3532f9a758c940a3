// A small paged source written against the crawl contract, as a new source would be: monthly
// threads listed at `<base>/threads.json`, each read page by page from
// `<base>/threads/<id>.json?page=N` ({ count, ads: [{ id, html, time }], next }). `count` is how
// many ads the page says it holds (the expected count). Registered by the test that runs it.
import { z } from 'zod'
import { htmlToText } from '@stackradar/core/text'
import type { CrawlSource } from '@stackradar/scraper'

const index = z.array(z.object({ id: z.string(), month: z.string(), createdAt: z.iso.datetime() }))
const page = z.object({
  count: z.number().int().min(0),
  ads: z.array(z.object({ id: z.string(), html: z.string(), time: z.iso.datetime() })),
  next: z.number().int().nullable(),
})

const base = (url: string) => url.replace(/\/+$/, '')

export const monthlyThreadSource: CrawlSource<Record<string, never>> = {
  kind: 'monthly-thread',
  configSchema: z.object({}).strict() as z.ZodType<Record<string, never>>,
  defaultBaseUrl: 'https://monthly.invalid',
  listing: false,
  async discover(_config, { baseUrl, http }) {
    const threads = index.parse((await http.json(`${base(baseUrl)}/threads.json`)).data)
    return threads.map((t) => ({ key: t.id, label: t.month, createdAt: new Date(t.createdAt) }))
  },
  async readPage(_config, unit, n, { baseUrl, http }) {
    const url = `${base(baseUrl)}/threads/${encodeURIComponent(unit.key)}.json?page=${n}`
    const body = page.parse((await http.json(url)).data)
    return {
      ads: body.ads
        .filter((a) => htmlToText(a.html) !== '')
        .map((a) => ({
          format: 'html' as const,
          sourceId: a.id,
          url: `${base(baseUrl)}/ads/${encodeURIComponent(a.id)}`,
          html: a.html,
          postedAt: new Date(a.time),
          dateSource: 'absolute' as const,
        })),
      nextPage: body.next,
      expected: body.count,
      warnings: [],
    }
  },
  revisitAt: () => null,
}
