// Links that come from job ads are untrusted: only http(s) URLs become clickable, so an ad cannot
// smuggle a `javascript:` or `data:` URL into an href.
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
  } catch {
    return null
  }
}
