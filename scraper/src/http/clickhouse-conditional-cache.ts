// Conditional-request validators kept in ClickHouse (table http_cache), with the in-memory LRU in
// front: ETags survive restarts and are shared by all scrape workers, so a board that did not
// change answers 304 even right after a deploy.
import type { ClickHouseClient } from '@clickhouse/client'
import { MemoryConditionalCache, type ConditionalCache, type ConditionalEntry } from './conditional-cache.ts'
import { httpCache } from '@stackradar/core/tables'

export class ClickHouseConditionalCache implements ConditionalCache {
  private readonly memory: MemoryConditionalCache

  constructor(
    private readonly ch: ClickHouseClient,
    memoryBytes = 64 * 1024 * 1024,
  ) {
    this.memory = new MemoryConditionalCache(memoryBytes)
  }

  async get(url: string): Promise<ConditionalEntry | null> {
    const held = await this.memory.get(url)
    if (held) return held
    const row = await httpCache.get(this.ch, url)
    if (!row) return null
    const entry: ConditionalEntry = {
      ...(row.etag && { etag: row.etag }),
      ...(row.last_modified && { lastModified: row.last_modified }),
      body: row.body,
    }
    await this.memory.set(url, entry)
    return entry
  }

  async set(url: string, entry: ConditionalEntry): Promise<void> {
    await this.memory.set(url, entry)
    await httpCache.put(this.ch, {
      url,
      etag: entry.etag ?? '',
      last_modified: entry.lastModified ?? '',
      body: entry.body,
    })
  }
}
