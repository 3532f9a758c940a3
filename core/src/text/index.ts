// Text helpers shared by sources and the extractor: HTML to plain text, HTML entities.
export * from './html-to-text.ts'
export * from './html-entities.ts'
