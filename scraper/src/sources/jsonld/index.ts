// Any careers page that publishes schema.org JobPosting JSON-LD (most ATS-hosted and many own sites,
// because Google for Jobs reads it). The listing page itself is tried first; when it carries no
// postings, its ad links are followed one by one.
import { z } from 'zod'
import { isHostUnavailable, type NormalizedAd, type SourceHttp, type SourceModule } from '../types.ts'
import { PageRefusedError, parseCareersPageOffThread } from '../../page-parse/index.ts'

const JsonLdConfig = z.object({
  /** The careers listing page (absolute URL). */
  url: z.url(),
  /** CSS selector of the ad links (or cards containing one); default: same-origin /jobs/, /careers/… links. */
  adLinkSelector: z.string().min(1).optional(),
  /** Fetch pages through the browser pool (JavaScript-rendered careers sites). */
  render: z.boolean().optional(),
  /** Most ads to read from one site (default 200). */
  maxAds: z.number().int().positive().optional(),
})
export type JsonLdConfig = z.infer<typeof JsonLdConfig>

export const jsonLdSource: SourceModule<JsonLdConfig> = {
  kind: 'jsonld',
  configSchema: JsonLdConfig,
  // Each config names its own site; there is no common base.
  defaultBaseUrl: '',
  async list(config, { http }) {
    const maxAds = config.maxAds ?? 200
    const fetchPage = (url: string) => (config.render ? http.rendered(url) : http.text(url))
    const listing = await fetchPage(config.url)
    if (listing.status >= 400) throw new Error(`jsonld: GET ${config.url} returned HTTP ${listing.status}`)
    const listingUrl = listing.url || config.url
    const onListing = await parseCareersPageOffThread(listing.body, listingUrl, {
      links: true,
      ...(config.adLinkSelector && { adLinkSelector: config.adLinkSelector }),
    })
    // A listing over a parse limit fails the run with the reason (recorded in the source's health).
    if (onListing.refused !== null) throw new PageRefusedError(`jsonld: ${listingUrl}: ${onListing.refused}`)
    if (onListing.ads.length > 0) {
      return { ads: unique(onListing.ads).slice(0, maxAds), requests: 1, warnings: onListing.warnings }
    }

    const warnings = [...onListing.warnings]
    const { links } = onListing
    if (links.length === 0) warnings.push(`jsonld: no JobPosting and no ad links on ${listingUrl}`)
    if (links.length > maxAds)
      warnings.push(`jsonld: ${links.length} ad links on ${listingUrl}, reading the first ${maxAds}`)
    const ads: NormalizedAd[] = []
    let requests = 1
    // Sequential on purpose: the pipeline's http already spaces requests to one host.
    for (const link of links.slice(0, maxAds)) {
      requests++
      const page = await fetchAdPage(fetchPage, link)
      if (typeof page === 'string') {
        warnings.push(page)
        continue
      }
      const parsed = await parseCareersPageOffThread(page.body, page.url || link)
      warnings.push(...parsed.warnings)
      if (parsed.refused !== null) warnings.push(`jsonld: ${link}: ${parsed.refused}, skipped`)
      else if (parsed.ads.length === 0) warnings.push(`jsonld: no JobPosting on ${link}`)
      ads.push(...parsed.ads)
    }
    return { ads: unique(ads), requests, warnings }
  },
}

/** One ad page, or a warning: a single broken ad must not fail the whole site (a host that is down does). */
async function fetchAdPage(
  fetchPage: SourceHttp['text'],
  url: string,
): Promise<{ body: string; url: string } | string> {
  try {
    const res = await fetchPage(url)
    if (res.status >= 400) return `jsonld: GET ${url} returned HTTP ${res.status}, skipped`
    return res
  } catch (error) {
    if (isHostUnavailable(error)) throw error
    return `jsonld: GET ${url} failed, skipped: ${error instanceof Error ? error.message : String(error)}`
  }
}

function unique(ads: NormalizedAd[]): NormalizedAd[] {
  return [...new Map(ads.map((ad) => [ad.sourceId, ad])).values()]
}
