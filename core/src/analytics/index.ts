// Read side for the API, the CLI and the progress log: one module per question, answering in
// the shapes of the API contracts (core/src/contracts/api).
export * from './trends.ts'
export * from './ads.ts'
export * from './status.ts'
export * from './sources.ts'
