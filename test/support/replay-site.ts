// The recorded HN corpus in ../shared/data (never committed) served as a fixture site: thread
// pages from the gzipped 2012–2018 HTML, thread dates from the recorded Algolia story index.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { HnFixtureSite } from './hn-fixture-server.ts'
import { hiringTitle } from './hn-render.ts'

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url))
const HTML_DIR = join(SHARED_DATA, 'hn-html-2012-2018')
const API_DIR = join(SHARED_DATA, 'hn-api-fixtures')

export interface ManifestEntry {
  month: string
  file: string
  thread_id: number
  ads: number
  format: string
}

export const hasReplayCorpus = (): boolean => existsSync(join(HTML_DIR, 'manifest.json'))

export function loadManifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(join(HTML_DIR, 'manifest.json'), 'utf8')) as ManifestEntry[]
}

/** Thread id → creation time, from the recorded Algolia story search pages. */
function recordedThreadDates(): Map<string, Date> {
  const dates = new Map<string, Date>()
  if (!existsSync(API_DIR)) return dates
  for (const f of readdirSync(API_DIR).filter((n) => n.startsWith('itemsearch_'))) {
    const wrapped = JSON.parse(readFileSync(join(API_DIR, f), 'utf8')) as {
      body: { hits: { objectID: string; created_at: string }[] }
    }
    for (const h of wrapped.body.hits) dates.set(String(h.objectID), new Date(h.created_at))
  }
  return dates
}

export function replaySite(manifest = loadManifest()): HnFixtureSite {
  const dates = recordedThreadDates()
  const files = new Map(manifest.map((m) => [String(m.thread_id), m.file]))
  return {
    stories: manifest.map((m) => ({
      id: String(m.thread_id),
      title: hiringTitle(m.month),
      createdAt: dates.get(String(m.thread_id)) ?? new Date(`${m.month}-01T15:00:00Z`),
    })),
    // Only page 1 was recorded; 2018-06's "More" link leads to a page that is not there (404).
    page: (id, page) => {
      const file = files.get(id)
      return file && page === 1 ? gunzipSync(readFileSync(join(HTML_DIR, file))).toString('utf8') : null
    },
  }
}
