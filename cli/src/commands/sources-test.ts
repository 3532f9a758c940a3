// `stackradar sources test <source id | kind | URL>`: read one board now and print the ads it
// would store (one JSON line each on stdout, a summary on stderr). Stores nothing.
import type { Config } from '@stackradar/core/config'
import type { Logger } from '@stackradar/core/logger'
import { loadSourcesFile, sourceEntrySchema, type SourceEntry } from '@stackradar/core/sources-config'
import { UserError } from '@stackradar/core/user-error'
import { listBoard } from '@stackradar/scraper'
import { createSourceHttp } from '@stackradar/scraper'
import { getSourceModule } from '@stackradar/scraper'

export function resolveEntry(target: string, sources: SourceEntry[]): SourceEntry {
  const configured = sources.find((s) => s.id === target)
  if (configured) return configured
  if (/^https?:\/\//i.test(target)) {
    // Any careers page: schema.org JobPosting markup on it or on the ad pages it links to.
    return sourceEntrySchema.parse({ id: 'adhoc-url', kind: 'jsonld', config: { url: target } })
  }
  if (getSourceModule(target))
    return sourceEntrySchema.parse({ id: `adhoc-${target}`, kind: target, config: {} })
  const known = sources.map((s) => s.id).join(', ') || 'none configured'
  throw new UserError(`'${target}' is not a source id (${known}), a source kind or an http(s) URL`)
}

export async function sourcesTestCommand(cfg: Config, args: string[], log: Logger): Promise<number> {
  const target = args[0]
  if (!target) {
    console.error('usage: stackradar sources test <source id | kind | URL>')
    return 2
  }
  const file = loadSourcesFile(cfg.SOURCES_FILE)
  const entry = resolveEntry(target, file.sources)
  const sourceHttp = createSourceHttp(cfg, [...cfg.ALLOW_PRIVATE_HOSTS, ...file.allowPrivate], log)
  const t0 = Date.now()
  try {
    const listing = await listBoard({ sourceHttp: sourceHttp.http }, entry)
    for (const ad of listing.ads) {
      const { raw: _raw, ...shown } = ad
      process.stdout.write(`${JSON.stringify({ ...shown, text: shown.text.slice(0, 300) })}\n`)
    }
    for (const w of listing.warnings) console.error(`warning: ${w}`)
    if (listing.ads.length === 0) {
      // A command that did nothing never exits 0: no ads and no error is a failure worth a message.
      console.error(
        `${entry.id} (${entry.kind}): no ads found after ${listing.requests} requests` +
          (listing.warnings.length ? ' (see the warnings above)' : ''),
      )
      return 1
    }
    const attribution = getSourceModule(entry.kind)?.attribution
    console.error(
      `${entry.id} (${entry.kind}): ${listing.ads.length} ads from ${listing.requests} requests in ${Date.now() - t0} ms` +
        (attribution ? ` — ${attribution}` : ''),
    )
    return 0
  } finally {
    await sourceHttp.close()
  }
}
