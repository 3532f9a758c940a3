// The ads page's paging and skill limits, and the reason an ad search came back empty (no DOM).
export const ADS_PER_PAGE = 20
export const MAX_AD_SKILLS = 5

/** Why a page of ads is empty: past the last page, nothing stored yet, or nothing matches. */
export function adsEmptyReason(opts: { cursor: boolean; skills: string[]; filtersSet: number }): string {
  if (opts.cursor) return 'No more ads: this was the last page.'
  if (opts.skills.length + opts.filtersSet === 0)
    return 'No job ads are stored yet: the first read of the sources may still be running (see Sources).'
  const what = opts.skills.length
    ? `${opts.skills.length > 1 ? 'all of ' : ''}${opts.skills.join(', ')}`
    : null
  return what
    ? `No job ad mentions ${what} under these filters. Remove a skill or widen the filters.`
    : 'No job ad matches these filters. Widen the dates or remove a filter.'
}

/** Human name of a source id. */
export function sourceName(id: string): string {
  return id === 'hn' ? 'Hacker News' : id
}
