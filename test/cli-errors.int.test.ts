// What a user sees when a command fails: one clear line (no stack, no install path, no password
// from a URL), logs on stderr so stdout stays data, and start-up problems named at once.
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backendJob, startBoardSite, type BoardSite } from './support/board-site.ts'
import { REPO_ROOT, runCli, spawnCli } from './support/run-cli.ts'
import { tempDir } from './support/test-config.ts'

let site: BoardSite
const dir = tempDir('cli-errors')

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  const port = (srv.address() as { port: number }).port
  await new Promise((r) => srv.close(r))
  return port
}

const expectOneClearLine = (stderr: string) => {
  const lines = stderr.trim().split('\n')
  expect(lines, stderr).toHaveLength(1)
  expect(stderr).not.toMatch(/\n\s+at /)
  expect(stderr).not.toContain(REPO_ROOT)
}

beforeAll(async () => {
  site = await startBoardSite({ careers: [backendJob('9', 'Beta', 'Go Developer', ['Golang'])] })
})
afterAll(async () => site?.close())

describe('CLI output and errors', () => {
  it('sources test keeps stdout for JSONL: log lines go to stderr', async () => {
    const ok = await runCli(['sources', 'test', `${site.url}/careers`], {
      LOG_LEVEL: 'debug',
      ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    })
    expect(ok.code).toBe(0)
    expect(
      ok.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([expect.objectContaining({ title: 'Go Developer' })])
    // A retried fetch logs a warning: it must reach stderr, never stdout.
    const port = await closedPort()
    const failed = await runCli(['sources', 'test', `http://127.0.0.1:${port}/careers`], {
      ALLOW_PRIVATE_HOSTS: '127.0.0.1',
      HTTP_RETRIES: '1',
    })
    expect(failed.code).toBe(1)
    expect(failed.stdout).toBe('')
    expect(failed.stderr).toMatch(/"msg":"fetch failed, retrying"/)
  })

  it('a refused fetch is one line, with the URL credentials redacted', async () => {
    const r = await runCli(['sources', 'test', 'http://bob:hunter2@0.0.0.0/careers'], {
      ALLOW_PRIVATE_HOSTS: '',
    })
    expect(r.code).toBe(1)
    expectOneClearLine(r.stderr)
    expect(r.stderr).toMatch(/refusing http:\/\/\[redacted\]@0\.0\.0\.0\/careers: .*this-network address/)
    expect(r.stderr).not.toMatch(/hunter2|address address/)
  })

  it('a connection refused is one line naming the URL', async () => {
    const port = await closedPort()
    const r = await runCli(['sources', 'test', `http://u:pw@127.0.0.1:${port}/careers`], {
      ALLOW_PRIVATE_HOSTS: '127.0.0.1',
      HTTP_RETRIES: '0',
    })
    expect(r.code).toBe(1)
    expectOneClearLine(r.stderr)
    expect(r.stderr).toContain(`127.0.0.1:${port}`)
    expect(r.stderr).not.toContain('pw@')
  })

  it('a bad sources file names the entry and the id length rule, without a stack', async () => {
    const file = join(dir, 'bad-sources.json')
    writeFileSync(file, JSON.stringify({ sources: [{ id: 'a', kind: 'lever' }] }))
    const r = await runCli(['sources', 'test', 'a'], { SOURCES_FILE: file })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/sources\.0\.id: 2 to 63 characters/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.stderr).not.toContain(REPO_ROOT)
  })

  it('a data directory that cannot be created fails at once with a clear message', async () => {
    const r = await runCli(['migrate'], { DATA_DIR: '/proc/stackradar-nope' })
    expect(r.code).toBe(1)
    expectOneClearLine(r.stderr)
    expect(r.stderr).toMatch(
      /Cannot use data directory \/proc\/stackradar-nope\/clickhouse: cannot create \/proc\/stackradar-nope .*Set DATA_DIR/,
    )
  })

  it('a second process on the same data directory is told which process holds it', async () => {
    const dataDir = join(dir, 'shared-data')
    const first = spawnCli(['start'], {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SCHEDULER_ENABLED: 'false',
    })
    try {
      await first.waitFor(/listening on/)
      const second = await runCli(['migrate'], { DATA_DIR: dataDir })
      expect(second.code).toBe(1)
      expect(second.stderr).toContain(
        `Another process (pid ${first.child.pid}) already uses this data directory`,
      )
    } finally {
      first.child.kill('SIGTERM')
      await first.done
    }
  })
})
