// Rendering pages that need JavaScript (real Chromium through playwright-core).
export { BrowserPool, DEFAULT_CHROMIUM_PATH } from './browser-pool.ts'
export type { BrowserPoolOptions, RenderOptions, RenderResult } from './browser-pool.ts'
