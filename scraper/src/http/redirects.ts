// Redirects are followed by hand (fetch's `redirect: 'manual'`) so every hop can be vetted — private
// addresses, robots.txt — before anything is sent to it, and so loops fail fast with a clear message.

export const DEFAULT_MAX_REDIRECTS = 5

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308])

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUS.has(status)
}

export type NextHop = { ok: true; url: string } | { ok: false; reason: string }

/**
 * Where a redirect leads, given the URLs visited so far in this chain (first = the requested URL).
 * A target already visited is a loop; more than `maxRedirects` hops is too many.
 */
export function nextHop(visited: readonly string[], location: string | null, maxRedirects: number): NextHop {
  const from = visited[visited.length - 1] ?? ''
  if (location === null || location.trim() === '') return { ok: false, reason: 'redirect without a Location' }
  let target: URL
  try {
    target = new URL(location, from)
  } catch {
    return { ok: false, reason: `redirect to an invalid Location ${JSON.stringify(location)}` }
  }
  target.hash = '' // fragments are never sent, so they cannot make two hops different
  const url = target.href
  if (visited.includes(url)) return { ok: false, reason: `redirect loop (${[...visited, url].join(' -> ')})` }
  if (visited.length > maxRedirects)
    return { ok: false, reason: `too many redirects (more than ${maxRedirects})` }
  return { ok: true, url }
}
