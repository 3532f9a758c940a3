// The GET every board source makes: an HTTP error status fails the whole listing.
import type { SourceHttp } from '../types.ts'

/** `baseUrl` (which the config may override) without trailing slashes, ready for a path to be appended. */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '')
}

/** The parsed JSON body; throws `<source>: GET <url> returned HTTP <status>` on a 4xx/5xx answer. */
export async function getJson(http: SourceHttp, url: string, source: string): Promise<unknown> {
  const res = await http.json(url)
  if (res.status >= 400) throw new Error(`${source}: GET ${url} returned HTTP ${res.status}`)
  return res.data
}

/** The text body; throws `<source>: GET <url> returned HTTP <status>` on a 4xx/5xx answer. */
export async function getText(http: SourceHttp, url: string, source: string): Promise<string> {
  const res = await http.text(url)
  if (res.status >= 400) throw new Error(`${source}: GET ${url} returned HTTP ${res.status}`)
  return res.body
}
