// Browser-safe contracts (zod only, nothing server-side): the API's request/response schemas and
// the stored-ad payload codecs. Server code and the dashboard import the same definitions.
export * from './api/index.ts'
export * from './payloads.ts'
export * from './report-document.ts'
