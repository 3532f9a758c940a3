// Which methods a path answers, from the app's own route table, for 405 + Allow on the others.
// Middleware and catch-all entries (method ALL) do not count: only real endpoints do.

interface RouteEntry {
  method: string
  path: string
}

function matches(pattern: string, path: string): boolean {
  if (pattern.includes('*')) return false
  const re = pattern
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return new RegExp(`^${re}/?$`).test(path)
}

export function allowedMethods(routes: readonly RouteEntry[], path: string): string[] {
  const methods = new Set<string>()
  for (const r of routes) if (r.method !== 'ALL' && matches(r.path, path)) methods.add(r.method)
  // Hono answers HEAD from the GET handler.
  if (methods.has('GET')) methods.add('HEAD')
  return [...methods]
}
