// Extract job: read the raw ads by id, run the extractor, write ads + ad skills. The job is
// acknowledged only after the batched writer has stored its rows.
import { extractAd, EXTRACTOR_VERSION } from '@stackradar/core/extract'
import { NotReadyError, type PayloadOf } from '@stackradar/core/queue'
import type { WorkerDeps } from '../deps.ts'
import { toAdInput } from './ad-input.ts'
import { buildRows } from './build-rows.ts'
import {
  adSkills,
  ads as adsTable,
  rawAds,
  rollups,
  type AdRow,
  type AdSkillRow,
} from '@stackradar/core/tables'

export interface ExtractRun {
  extracted: number
  /** Raw ads whose payload does not decode, with the reason; nothing is written for them. */
  failed: { adId: string; reason: string }[]
}

export async function extractAds(
  deps: WorkerDeps,
  job: PayloadOf<'extract'>,
  version = EXTRACTOR_VERSION,
): Promise<ExtractRun> {
  const raws = await rawAds.byIds(deps.ch, job.adIds)
  if (raws.length < new Set(job.adIds).size) {
    throw new NotReadyError(
      `${new Set(job.adIds).size - raws.length} of ${job.adIds.length} raw ads not stored yet`,
    )
  }
  const now = new Date()
  const ads: AdRow[] = []
  const skills: AdSkillRow[] = []
  const failed: ExtractRun['failed'] = []
  for (const raw of raws) {
    const input = toAdInput(raw)
    if (!input.ok) {
      // Not an empty ad: nothing is written for it, so it counts nowhere until its payload is fixed;
      // the reason is recorded with its id (the sweep re-queues it, and it is logged again).
      failed.push({ adId: raw.ad_id, reason: input.reason })
      deps.log.error(
        { adId: raw.ad_id, reason: input.reason },
        'raw ad payload does not decode; not extracted',
      )
      continue
    }
    const extraction = extractAd(input.input)
    if (extraction.error)
      deps.log.error({ adId: raw.ad_id, err: extraction.error }, 'extractor failed on ad; stored empty')
    const rows = buildRows(raw, extraction, version, now)
    ads.push(rows.ad)
    skills.push(...rows.skills)
  }
  // An ad re-extracted at this version with other skills or facets (its content changed) marks
  // its month's rollups stale before the new row lands (the scheduler repairs it).
  await rollups.noteRewrites(deps.ch, ads)
  // Journalled: a crash between the `ads` rows and their rollup rows marks those months stale.
  const write = await rollups.writeStarted(deps.ch, ads)
  // Skills first: an `ads` row names the version whose skill rows count.
  await Promise.all([adSkills.insert(deps.writer, skills), adsTable.insert(deps.writer, ads)])
  await rollups.writeDone(deps.ch, write)
  return { extracted: ads.length, failed }
}
