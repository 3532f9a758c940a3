// Hacker News "Ask HN: Who is hiring?": the crawl source (source.ts) and its parsers (pure, no I/O).
export { hnSource } from './source.ts'
export { parseThreadPage, looksLikeHnItemPage } from './parse-thread-page.ts'
export { buildAlgoliaStorySearchUrl, parseAlgoliaItem, parseAlgoliaStorySearch } from './algolia.ts'
export type { AlgoliaThread, StorySearchPage } from './algolia.ts'
export { hnItemUrl } from './hn-urls.ts'
export { parseHnAge, parseAgeTitleAttribute, resolvePostedAt } from './hn-dates.ts'
export { whoIsHiringMonth, monthStartFromTitle } from './thread-title.ts'
export type * from './types.ts'
