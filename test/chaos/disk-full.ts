// Disk full on the data directory, embedded mode: DATA_DIR lives on a small tmpfs; mid-backfill a
// filler file takes every free byte for 15 s, then is deleted (an operator freeing space). Mounting
// needs root; without it the scenario fails and says so (no pretend disk).
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, statfsSync, writeSync, openSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import { chaosSite } from './sites.ts'
import { sleep, type Scenario, type ScenarioResult } from './harness.ts'
import { embeddedRun } from './run-scenario.ts'
import { tempDir } from '../support/test-config.ts'

export const DISK_FULL_MS = 15_000
const TMPFS_SIZE = '256m'

/** Takes every free byte of the file system holding `dir`; returns the filler's path and size. */
function fillUp(dir: string): { path: string; bytes: number } {
  const path = join(dir, 'filler.bin')
  const fd = openSync(path, 'w')
  const block = Buffer.alloc(1024 * 1024, 1)
  let bytes = 0
  try {
    for (let size = block.length; size >= 1;) {
      try {
        bytes += writeSync(fd, block, 0, size)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err
        size = Math.floor(size / 4)
      }
    }
  } finally {
    closeSync(fd)
  }
  return { path, bytes }
}

export const diskFull: Scenario = {
  name: 'disk full on DATA_DIR 15 s',
  timeoutMs: 210_000,
  run: async (ctx): Promise<ScenarioResult> => {
    const site = chaosSite()
    const mnt = tempDir('chaos-tmpfs')
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', mnt], { stdio: 'pipe' })
    } catch (err) {
      return {
        scenario: diskFull.name,
        expected: site.totalAds,
        stored: null,
        counted: null,
        errors: 'n/a',
        recoverMs: null,
        pass: false,
        notes: [`cannot mount a tmpfs for the data directory (needs root): ${String(err).slice(0, 160)}`],
      }
    }
    // Registered first, so it runs last: after the process has stopped.
    ctx.defer(() => {
      execFileSync('umount', ['-l', mnt], { stdio: 'pipe' })
      rmSync(mnt, { recursive: true, force: true })
    })
    const dataDir = join(mnt, 'data')
    mkdirSync(dataDir)
    return embeddedRun(
      diskFull.name,
      ctx,
      { site, expected: site.totalAds, threads: site.months.length },
      dataDir,
      {
        at: 0.3,
        async inject(d, _web, _ctx, notes, crashed) {
          const filler = fillUp(mnt)
          const { bavail } = statfsSync(mnt)
          notes.push(
            `tmpfs ${TMPFS_SIZE}, filler ${Math.round(filler.bytes / 1048576)} MB, ${bavail} blocks left`,
          )
          await sleep(DISK_FULL_MS)
          rmSync(filler.path)
          const freedAt = Date.now()
          const dead = d.dead()
          if (dead.length) {
            crashed.push(...dead.map((p) => `${p} during disk full`))
            notes.push('the process died while the disk was full; restarted to measure what was kept')
            await d.restart('all')
          }
          return freedAt
        },
      },
    )
  },
}
