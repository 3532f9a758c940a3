// Conditional requests: remember a page's validators (ETag, Last-Modified) and body, so the next fetch can
// ask "changed since?" and a 304 costs the server (and us) almost nothing. The interface is deliberately
// small so a shared store (e.g. ClickHouse) can implement it as well as the in-memory LRU below.

export interface ConditionalEntry {
  etag?: string
  lastModified?: string
  body: string
}

export interface ConditionalCache {
  get(url: string): Promise<ConditionalEntry | null>
  set(url: string, entry: ConditionalEntry): Promise<void>
}

/** The request headers that make a request conditional on `entry`; empty when there is nothing to send. */
export function conditionalHeaders(entry: ConditionalEntry | null): Record<string, string> {
  const headers: Record<string, string> = {}
  if (entry?.etag) headers['if-none-match'] = entry.etag
  if (entry?.lastModified) headers['if-modified-since'] = entry.lastModified
  return headers
}

/** The entry to store for a fresh 200 response, or null when the server sent no validators. */
export function entryFromResponse(headers: Headers, body: string): ConditionalEntry | null {
  const etag = headers.get('etag') ?? undefined
  const lastModified = headers.get('last-modified') ?? undefined
  if (etag === undefined && lastModified === undefined) return null
  return { ...(etag && { etag }), ...(lastModified && { lastModified }), body }
}

/**
 * In-memory LRU bounded by an estimate of the bytes held (JS strings are UTF-16: two bytes a char).
 * An entry larger than the whole budget is not stored at all.
 */
export class MemoryConditionalCache implements ConditionalCache {
  // Map iteration order is insertion order: the first key is the least recently used.
  private readonly entries = new Map<string, { entry: ConditionalEntry; bytes: number }>()
  private bytesHeld = 0

  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  get size(): number {
    return this.entries.size
  }

  get bytes(): number {
    return this.bytesHeld
  }

  async get(url: string): Promise<ConditionalEntry | null> {
    const held = this.entries.get(url)
    if (held === undefined) return null
    this.entries.delete(url)
    this.entries.set(url, held)
    return held.entry
  }

  async set(url: string, entry: ConditionalEntry): Promise<void> {
    this.remove(url)
    const bytes =
      2 * (url.length + entry.body.length + (entry.etag?.length ?? 0) + (entry.lastModified?.length ?? 0))
    if (bytes > this.maxBytes) return
    this.entries.set(url, { entry, bytes })
    this.bytesHeld += bytes
    for (const oldest of this.entries.keys()) {
      if (this.bytesHeld <= this.maxBytes) break
      this.remove(oldest)
    }
  }

  private remove(url: string): void {
    const held = this.entries.get(url)
    if (held === undefined) return
    this.entries.delete(url)
    this.bytesHeld -= held.bytes
  }
}
