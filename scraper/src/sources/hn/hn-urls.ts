// URLs of HN pages; the base is configurable so tests and the replay server can stand in for HN.

/** `${base}/item?id=ID`, plus `&p=N` for page N > 1 of a long thread. */
export function hnItemUrl(base: string, id: string, page?: number): string {
  const url = `${trimSlash(base)}/item?id=${encodeURIComponent(id)}`
  return page !== undefined && page > 1 ? `${url}&p=${Math.floor(page)}` : url
}

export function trimSlash(base: string): string {
  let end = base.length
  while (end > 0 && base[end - 1] === '/') end--
  return base.slice(0, end)
}
