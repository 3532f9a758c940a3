// Test support: the per-ad queries as they were before their faster shapes (issue 9), kept verbatim
// so per-ad-shapes.int.test.ts can check that the new shapes answer exactly the same on the fixture.
// Not used by the API.
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows } from '../clickhouse/query.ts'
import { compileWhere, type Filters } from './filters.ts'

/** The ad search's three queries before windowing and the keyed lookups: ids + evidence + raw text. */
export async function previousSearchRows(
  ch: ClickHouseClient,
  q: { filters: Filters; skills: string[]; limit: number; cursor?: [string, string] },
) {
  const w = compileWhere(q.filters)
  const [cTime, cId] = q.cursor ?? ['2149-06-06 00:00:00', '']
  const params = { ...w.params, skills: q.skills, c_time: cTime, c_id: cId, n: q.limit + 1 }
  const rows = await queryRows<{ ad_id: string; posted_at: string; job: unknown[] }>(
    ch,
    `SELECT id AS ad_id, newest AS posted_at, job FROM (
       SELECT argMax(a.ad_id, (a.posted_at, a.ad_id)) AS id, toString(max(a.posted_at)) AS newest,
              argMax(tuple(source, url, title, company, extractor_version, work_mode, country, seniority), (a.posted_at, a.ad_id)) AS job
       FROM ads AS a FINAL WHERE ${w.sql} AND hasAll(skills, {skills:Array(String)}) GROUP BY dedupe_key)
     WHERE (newest, id) < ({c_time:String}, {c_id:String})
     ORDER BY newest DESC, id DESC LIMIT {n:UInt32}`,
    params,
  )
  const ids = rows.slice(0, q.limit).map((r) => r.ad_id)
  const evidence = await queryRows<{ ad_id: string; skill: string; extractor_version: number }>(
    ch,
    `SELECT ad_id, skill, evidence, inferred, extractor_version FROM ad_skills FINAL WHERE ad_id IN {ids:Array(String)}`,
    { ids },
  )
  const raws = await queryRows<{ ad_id: string }>(
    ch,
    `SELECT ad_id, payload_format, payload FROM raw_ads FINAL WHERE ad_id IN {ids:Array(String)}`,
    { ids },
  )
  return { rows, evidence, raws }
}

/** The skill profile's evidence ads before windowing. */
export function previousAdsForSkill(
  ch: ClickHouseClient,
  q: { skill: string; from?: string | null; to?: string | null; source?: string | null; limit: number },
) {
  return queryRows<Record<string, unknown>>(
    ch,
    `SELECT a.ad_id AS ad_id, a.source AS source, a.url AS url, a.title AS title, a.company AS company,
                   toString(a.posted_at) AS posted_at, s.evidence AS evidence, s.inferred AS inferred
            FROM ads AS a FINAL
            INNER JOIN (SELECT ad_id, extractor_version, evidence, inferred FROM ad_skills FINAL
                        WHERE skill = {skill:String} AND posted_day >= {from:Date} AND posted_day <= {to:Date}) AS s
              ON s.ad_id = a.ad_id AND s.extractor_version = a.extractor_version
            WHERE a.posted_day >= {from:Date} AND a.posted_day <= {to:Date}
              AND ({source:String} = '' OR a.source = {source:String})
            ORDER BY a.posted_at DESC, a.ad_id
            LIMIT {limit:UInt32}`,
    {
      skill: q.skill,
      from: q.from ?? '1970-01-01',
      to: q.to ?? '2149-06-06',
      source: q.source ?? '',
      limit: q.limit,
    },
  )
}

/** Co-occurrence before the one-pass shape: totals and per-skill counts as two scans. */
export async function previousCooccurrence(
  ch: ClickHouseClient,
  filters: Filters,
  anchor: string[],
  keep: string[],
) {
  const w = compileWhere(filters)
  const params = { ...w.params, anchor, keep }
  const perAd = `SELECT dedupe_key, groupUniqArrayArray(skills) AS skills FROM ads FINAL WHERE ${w.sql} GROUP BY dedupe_key`
  const [totals] = await queryRows<{ total: string; anchor: string }>(
    ch,
    `SELECT count() AS total, countIf(hasAll(skills, {anchor:Array(String)})) AS anchor FROM (${perAd})`,
    params,
  )
  const rows = await queryRows<{ skill: string; together: string; all: string }>(
    ch,
    `SELECT skill, countIf(is_anchor) AS together, count() AS all
     FROM (SELECT arrayJoin(skills) AS skill, hasAll(skills, {anchor:Array(String)}) AS is_anchor FROM (${perAd}))
     WHERE skill IN {keep:Array(String)} AND skill NOT IN {anchor:Array(String)}
     GROUP BY skill HAVING together > 0`,
    params,
  )
  return { total: Number(totals?.total ?? 0), anchorAds: Number(totals?.anchor ?? 0), rows }
}
