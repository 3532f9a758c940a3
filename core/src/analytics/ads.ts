// The ads behind a number: for one skill, the newest ads that mention it, with the words that
// matched (evidence) and the link to the ad on its source.
import type { ClickHouseClient } from '@clickhouse/client'
import { SOURCE_ATTRIBUTION } from '../attribution.ts'
import { fromDateTime } from '../clickhouse/datetime.ts'
import { queryRows } from '../clickhouse/query.ts'
import type { AdEvidence } from '../contracts/api/index.ts'
import { ESTIMATE_DAYS, newestAdRows, searchWindows } from './ad-search.ts'
import { NO_FILTERS } from './filters.ts'
import { newestAndHolding } from './tally-kept.ts'

export type { AdEvidence }

export async function queryAdsForSkill(
  ch: ClickHouseClient,
  q: { skill: string; from?: string | null; to?: string | null; source?: string | null; limit: number },
): Promise<AdEvidence[]> {
  type Row = {
    ad_id: string
    source: string
    url: string
    title: string
    company: string
    posted_at: string
    evidence: string[]
    inferred: number
  }
  const from = q.from ?? '1970-01-01'
  const to = q.to ?? '2149-06-06'
  // Newest first with a limit: read the most recent days first and widen the window only while it
  // has too few ads (every ad outside the window is older than every ad inside it). Each ad's
  // newest row as ad search reads it (newestAdRows in the first window); the skill's rows by
  // grouping on ad_skills' key instead of FINAL.
  const since = (lower: string, first: boolean) =>
    queryRows<Row>(
      ch,
      `SELECT a.ad_id AS ad_id, a.source AS source, a.url AS url, a.title AS title, a.company AS company,
                     toString(a.posted_at) AS posted_at, s.evidence AS evidence, s.inferred AS inferred
              FROM ${
                first
                  ? newestAdRows(
                      'posted_day >= {from:Date} AND posted_day <= {to:Date}',
                      'ad_id, source, url, title, company, posted_at, posted_day, extractor_version',
                    )
                  : 'ads AS a FINAL'
              }
              INNER JOIN (SELECT ad_id, extractor_version, argMax(evidence, extracted_at) AS evidence,
                                 argMax(inferred, extracted_at) AS inferred
                          FROM ad_skills
                          WHERE skill = {skill:String} AND posted_day >= {from:Date} AND posted_day <= {to:Date}
                          GROUP BY posted_day, ad_id, extractor_version) AS s
                ON s.ad_id = a.ad_id AND s.extractor_version = a.extractor_version
              WHERE a.posted_day >= {from:Date} AND a.posted_day <= {to:Date}
                AND ({source:String} = '' OR a.source = {source:String})
              ORDER BY a.posted_at DESC, a.ad_id
              LIMIT {limit:UInt32}`,
      { skill: q.skill, from: lower, to, source: q.source ?? '', limit: q.limit },
    )
  // The newest day, at most `to` (an earlier day than the ads' newest only widens the first
  // window) and, from the tallies in the same query, the day (within the first two windows) from
  // which the skill has about twice the ads asked for (a day or two for a common skill).
  const { top, holding } = await newestAndHolding(ch, {
    filters: { ...NO_FILTERS, source: q.source ? [q.source] : [] },
    skill: q.skill,
    cap: to,
    days: ESTIMATE_DAYS,
    need: q.limit * 2,
  })
  let rows: Row[] = []
  for (const w of searchWindows(top, from, holding)) {
    rows = await since(w.since ?? from, w.small)
    if (w.since === null || rows.length >= q.limit) break
  }
  return rows.map((r) => ({
    adId: r.ad_id,
    source: r.source,
    url: r.url,
    title: r.title,
    company: r.company,
    postedAt: fromDateTime(r.posted_at).toISOString(),
    evidence: r.evidence,
    inferred: Boolean(Number(r.inferred)),
    attribution: SOURCE_ATTRIBUTION[r.source] ?? null,
  }))
}
