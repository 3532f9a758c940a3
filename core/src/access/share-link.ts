// Signed share links for report runs: token = `<runId>.<HMAC-SHA256(secret, runId.nonce)>`. The
// nonce lives on the run: sharing sets a fresh one, revoking clears it, so every earlier link of
// the run stops working at once and a new link never revives an old one. The secret is
// SHARE_LINK_SECRET, or a random one kept in DATA_DIR (0600) for a single-machine install.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Config } from '../config.ts'

const TOKEN = /^(run_[a-z0-9_-]{4,80})\.([A-Za-z0-9_-]{43})$/

function sign(secret: Buffer, runId: string, nonce: string): string {
  return createHmac('sha256', secret).update(`${runId}.${nonce}`).digest('base64url')
}

export function newShareNonce(): string {
  return randomBytes(16).toString('base64url')
}

export function signShareToken(secret: Buffer, runId: string, nonce: string): string {
  if (!nonce) throw new Error('a run without a share nonce cannot be shared')
  return `${runId}.${sign(secret, runId, nonce)}`
}

/** The run id a token names (to look its nonce up), or null when it is not shaped like a token. */
export function shareTokenRunId(token: string): string | null {
  return TOKEN.exec(token)?.[1] ?? null
}

/** Whether `token` is a valid link for the run with this nonce ('' = not shared: never valid). */
export function verifyShareToken(secret: Buffer, token: string, nonce: string): boolean {
  const m = TOKEN.exec(token)
  if (!m || !nonce) return false
  const expected = Buffer.from(sign(secret, m[1]!, nonce))
  const got = Buffer.from(m[2]!)
  return expected.length === got.length && timingSafeEqual(expected, got)
}

/** The HMAC secret: SHARE_LINK_SECRET, or one generated once and kept under DATA_DIR. */
export function loadShareSecret(cfg: Pick<Config, 'SHARE_LINK_SECRET' | 'DATA_DIR'>): Buffer {
  if (cfg.SHARE_LINK_SECRET) return Buffer.from(cfg.SHARE_LINK_SECRET)
  const dir = resolve(cfg.DATA_DIR)
  const file = join(dir, 'share-link.secret')
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true })
    // 'wx': two processes starting at once do not overwrite each other's secret.
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
  return Buffer.from(readFileSync(file, 'utf8').trim())
}
