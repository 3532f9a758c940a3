import { defineConfig } from 'vitest/config'

// One test command for every workspace. Integration tests start real Redis / chDB / Chromium,
// so they get generous timeouts; files run in separate forks because chDB binds one data
// directory per process.
export default defineConfig({
  test: {
    include: ['{core,scraper,worker,api,cli,test}/**/*.test.ts', 'dashboard/src/lib/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
})
