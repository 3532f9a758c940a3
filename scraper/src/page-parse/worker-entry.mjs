// Worker thread bootstrap: the backend runs TypeScript through tsx (no build step), so the worker
// registers tsx's loader before importing the parser module.
import { register } from 'tsx/esm/api'

register()
await import('./worker.ts')
