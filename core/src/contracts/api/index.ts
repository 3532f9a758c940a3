// The API's request and response contracts, one module per resource; the API validates with them,
// /api/openapi.json is generated from them and the dashboard imports their types.
export * from './common.ts'
export * from './trends.ts'
export * from './ads.ts'
export * from './skills.ts'
export * from './status.ts'
export * from './sources.ts'
