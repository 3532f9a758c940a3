import { sveltekit } from '@sveltejs/kit/vite'
import { defineConfig } from 'vite'

// `vite dev` proxies the API so the app can keep using same-origin relative URLs (/api/v1/...).
const apiTarget = process.env.STACKRADAR_API_URL ?? 'http://127.0.0.1:3000'

export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy: { '/api': apiTarget } },
})
