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
    `SELECT ad_id, payload_format, payload FROM raw_ads_v2 FINAL WHERE ad_id IN {ids:Array(String)}`,
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

/**
 * Co-occurrence before the one-pass shape: totals and per-skill counts as two scans. Named skills
 * (`named_skills`), the rule co-occurrence follows since it reads the rollups too (it read `skills`,
 * inferred parents included, before).
 */
export async function previousCooccurrence(
  ch: ClickHouseClient,
  filters: Filters,
  anchor: string[],
  keep: string[],
) {
  const w = compileWhere(filters)
  const params = { ...w.params, anchor, keep }
  const perAd = `SELECT dedupe_key, groupUniqArrayArray(named_skills) AS skills FROM ads FINAL WHERE ${w.sql} GROUP BY dedupe_key`
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

/**
 * Salaries before the one-pass shape: cells and premium as two scans of the per-ad rows. (Its facet
 * aliases shadowed the filter columns, so a country, seniority or work-mode filter failed; the
 * setting keeps its numbers for the comparison.)
 */
export async function previousSalaries(
  ch: ClickHouseClient,
  q: {
    filters: Filters
    by: 'none' | 'seniority' | 'country' | 'work_mode' | 'skill'
    skills: string[]
    period: string
  },
) {
  const GROUP_SQL = {
    none: "'all'",
    seniority: 'seniority',
    country: "if(country = '', 'unknown', country)",
    work_mode: 'work_mode',
  }
  const perAdSql = (where: string, period: string) => `SELECT dedupe_key, any(${period}) AS period,
            any(if(employment_type = 'contract' OR salary_kind = 'day_rate', 'contract', 'permanent')) AS employment,
            any((salary_annual_min_usd + if(salary_annual_max_usd > 0, salary_annual_max_usd, salary_annual_min_usd)) / 2) AS usd,
            any(seniority) AS seniority, any(country) AS country, any(work_mode) AS work_mode,
            groupUniqArrayArray(skills) AS skills
          FROM ads FINAL
          WHERE ${where} AND salary_annual_min_usd > 0
          GROUP BY dedupe_key SETTINGS prefer_column_name_to_alias = 1`
  const w = compileWhere(q.filters)
  const perAd = perAdSql(w.sql, q.period)
  const params = { ...w.params, skills: q.skills, rate: 1 }
  const group = q.by === 'skill' ? 'skill' : GROUP_SQL[q.by]
  const source =
    q.by === 'skill'
      ? `(SELECT *, arrayJoin(arrayIntersect(skills, {skills:Array(String)})) AS skill FROM (${perAd}))`
      : `(${perAd})`
  const levels = 'quantilesExactInclusive(0.1, 0.25, 0.5, 0.75, 0.9)(usd * {rate:Float64})'
  const cells = await queryRows<{ period: string; grp: string; employment: string; n: string; q: number[] }>(
    ch,
    `SELECT period, toString(${group}) AS grp, employment, count() AS n, ${levels} AS q
     FROM ${source} GROUP BY period, grp, employment ORDER BY period, grp, employment`,
    params,
  )
  const premium = q.skills.length
    ? await queryRows<{
        skill: string
        employment: string
        n_with: string
        n_without: string
        m_with: number
        m_without: number
      }>(
        ch,
        `SELECT skill, employment, countIf(has(skills, skill)) AS n_with, countIf(NOT has(skills, skill)) AS n_without,
                quantileExactInclusiveIf(0.5)(usd * {rate:Float64}, has(skills, skill)) AS m_with,
                quantileExactInclusiveIf(0.5)(usd * {rate:Float64}, NOT has(skills, skill)) AS m_without
         FROM (${perAdSql(w.sql, "'all'")}) ARRAY JOIN {skills:Array(String)} AS skill
         GROUP BY skill, employment ORDER BY skill, employment`,
        params,
      )
    : []
  return { cells, premium }
}
