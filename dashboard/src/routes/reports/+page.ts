// Reports: the report definitions, and the runs of the one picked (?report=), with the API key of
// this tab (see $lib/reports). Requests stream into the page; a missing or refused key is its own
// state (the page asks for a key) rather than an error.
import { settle } from '$lib/api'
import { fetchReportList, fetchRuns, keyedFetch, savedKey } from '$lib/reports'
import type { PageLoad } from './$types'

const ID = /^rep_[a-z0-9]{8,40}$/

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('api:reports')
  const key = savedKey()
  const authed = keyedFetch(fetch, key)
  const report = url.searchParams.get('report')
  const selected = report && ID.test(report) ? report : null
  const run = url.searchParams.get('run')?.slice(0, 80) ?? null
  return {
    key,
    selected,
    run,
    // Rejections stay errors here; the page tells a refused key from a failure (needsKey).
    list: fetchReportList(authed).then(
      (data) => ({ ok: true as const, data }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    runs: selected ? settle(fetchRuns(authed, selected)) : null,
  }
}
