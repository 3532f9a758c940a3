// `npm run bench:reextract`: how long the background re-extraction of the replayed 2012–2018 HN
// corpus takes in the embedded pipeline. Replays the 78 months, then drops every extraction (what
// raising EXTRACTOR_VERSION amounts to: no `ads` row at the current version), runs one scheduler
// sweep and times it until every raw ad is extracted again. Needs ../shared/data.
import { hasReplayCorpus } from '../support/replay-site.ts'
import { runReplay } from '../support/replay-run.ts'
import { waitFor } from '../support/wait.ts'

if (!hasReplayCorpus()) {
  console.error('bench:reextract needs ../shared/data/hn-html-2012-2018 next to the repo; not found.')
  process.exit(2)
}
const run = await runReplay()
console.log(`replay (fetch + parse + store + extract): ${run.seconds.toFixed(1)} s`)
const scheduler = run.runtime.scheduler
if (!scheduler) throw new Error('the replay runtime has no scheduler role')
await run.runtime.ch.client.command({ query: 'TRUNCATE TABLE ads' })
const t0 = Date.now()
await scheduler.tick()
const done = await waitFor(
  're-extraction of all ads',
  run.status,
  (s) => s.ads.extracted >= run.manifestAds,
  900_000,
  500,
)
const seconds = (Date.now() - t0) / 1000
console.log(`re-extracted:       ${done.ads.extracted} of ${done.ads.raw} raw ads`)
console.log(`re-extraction:      ${seconds.toFixed(1)} s (${Math.round(done.ads.extracted / seconds)} ads/s)`)
await run.close()
process.exit(0)
