// Hacker News "Ask HN: Who is hiring?" parsing: pure functions, no I/O.
export { parseThreadPage, looksLikeHnItemPage } from './parse-thread-page.ts'
export { buildAlgoliaStorySearchUrl, parseAlgoliaItem, parseAlgoliaStorySearch } from './algolia.ts'
export type { AlgoliaThread, StorySearchPage } from './algolia.ts'
export { hnItemUrl } from './hn-urls.ts'
export { parseHnAge, parseAgeTitleAttribute, resolvePostedAt } from './hn-dates.ts'
export { whoIsHiringMonth, monthStartFromTitle } from './thread-title.ts'
export type * from './types.ts'
