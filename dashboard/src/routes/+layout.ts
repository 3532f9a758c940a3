// Pure client-side app: the data lives behind the API at runtime, so nothing is rendered on a server
// or at build time; adapter-static emits only the index.html fallback shell.
export const ssr = false
export const prerender = false
