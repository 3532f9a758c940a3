// Static SPA build: the Hono API serves `build/` and falls back to index.html for unknown paths,
// so every route is rendered in the browser from data fetched at runtime.
import adapter from '@sveltejs/adapter-static'
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte'

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    // Absolute /_app/... asset URLs, so the fallback page also works when served for a deep path.
    paths: { relative: false },
  },
}

export default config
