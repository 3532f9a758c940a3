// `npm run bench:replay`: the 78 recorded HN months through the embedded pipeline; prints ads/s
// and the peak memory of the process. Needs ../shared/data (not part of the repo).
import { readFileSync } from 'node:fs'
import { hasReplayCorpus } from '../support/replay-site.ts'
import { runReplay } from '../support/replay-run.ts'

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
  return m ? Math.round(Number(m[1]) / 1024) : NaN
}

if (!hasReplayCorpus()) {
  console.error('bench:replay needs ../shared/data/hn-html-2012-2018 next to the repo; not found.')
  process.exit(2)
}
let peakRss = 0
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)
const run = await runReplay()
clearInterval(sampler)
const status = await run.status()
const byThread = await run.adsByThread()
console.log(`months loaded:      ${byThread.size}`)
console.log(
  `ads stored:         ${status.ads.raw} (extracted ${status.ads.extracted}, manifest ${run.manifestAds})`,
)
console.log(`wall time:          ${run.seconds.toFixed(1)} s`)
console.log(
  `throughput:         ${Math.round(status.ads.extracted / run.seconds)} ads/s (fetch + parse + store + extract)`,
)
console.log(`peak RSS (sampled): ${Math.round(peakRss / 1024 / 1024)} MB; VmHWM: ${vmHwmMb()} MB`)
await run.close()
process.exit(0)
