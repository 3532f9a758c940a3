export { createApp } from './app.ts'
export type { ApiDeps } from './deps.ts'
export { startServer } from './server.ts'
