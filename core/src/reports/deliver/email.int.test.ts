// E-mail delivery against a real SMTP server in this process (smtp-server, with a login): the
// message is parsed back with mailparser, its PDF attachment (printed by Chromium from the report
// page) is read with pdftotext; a wrong password is refused once and never written anywhere; a
// temporary 451 is retried.
import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderReportHtml } from '../render/html.ts'
import { renderReportPdf } from '../render/pdf.ts'
import { readPdf, sampleDocument } from '../test-support.ts'
import { DEFAULT_RETRY } from './retry.ts'
import {
  reportEmail,
  sendReportEmail,
  smtpSettingsFromConfig,
  transportOptions,
  type SmtpSettings,
} from './email.ts'

const USER = 'reports'
const PASSWORD = 's3cret-Pa55word!'
const doc = sampleDocument({ audience: 'Acme Recruiting' })
const LINK = 'https://stackradar.example/r/run_42?sig=abc'
let pdf: Uint8Array
let server: SMTPServer
let port = 0
const inbox: Buffer[] = []
/** SMTP replies the server gives to the next messages before accepting (451 = try later). */
const refusals: number[] = []

beforeAll(async () => {
  pdf = await renderReportPdf(renderReportHtml(doc, { link: LINK }), { footerText: doc.spec.title })
  server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === USER && auth.password === PASSWORD) cb(null, { user: USER })
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }))
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const refusal = refusals.shift()
        if (refusal) return cb(Object.assign(new Error('Try again later'), { responseCode: refusal }))
        inbox.push(Buffer.concat(chunks))
        cb()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.server.address() as AddressInfo).port
}, 120_000)
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

const settings = (p: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: '127.0.0.1',
  port,
  tls: 'none',
  user: USER,
  password: PASSWORD,
  from: 'StackRadar <reports@stackradar.test>',
  ...p,
})
const fast = { ...DEFAULT_RETRY, attempts: 3, sleep: async () => {} }
const normalise = (s: string) => s.replace(/\s+/g, ' ')

describe('report e-mail', () => {
  it('arrives with the summary, the link and the PDF attached', async () => {
    const mail = reportEmail(doc, { to: ['client@agency.test', 'team@agency.test'], pdf, link: LINK })
    const result = await sendReportEmail(settings(), mail, { policy: fast })
    expect(result).toMatchObject({
      channel: 'email',
      ok: true,
      target: 'client@agency.test, team@agency.test',
    })
    expect(result.attempts).toHaveLength(1)
    expect(result.attempts[0]!.code).toBe(250)

    const parsed = await simpleParser(inbox.at(-1)!)
    expect(parsed.subject).toBe('Backend market weekly: 2017-W10')
    expect(parsed.from?.text).toContain('reports@stackradar.test')
    for (const s of doc.summary) expect(parsed.text).toContain(s.text)
    expect(parsed.text).toContain(`Online: ${LINK}`)
    expect(parsed.html).toContain(`href="${LINK.replace('&', '&amp;')}"`)
    expect(parsed.attachments).toHaveLength(1)
    const att = parsed.attachments[0]!
    expect(att.contentType).toBe('application/pdf')
    expect(att.filename).toBe('backend-market-weekly-2017-w10.pdf')
    expect(Buffer.compare(att.content, Buffer.from(pdf))).toBe(0)

    const { pages, text } = readPdf(att.content)
    expect(pages).toBeGreaterThanOrEqual(2)
    const flat = normalise(text)
    expect(flat).toContain('Backend market weekly')
    expect(flat).toContain('Prepared for Acme Recruiting')
    expect(flat).toContain(normalise(doc.summary.find((s) => s.kind === 'rise')!.text))
    for (const heading of ['Top skills', 'Risers and fallers', 'Salaries', 'Method and sources'])
      expect(flat).toContain(heading)
  })

  it('a wrong password is refused once, and the password appears nowhere in the log', async () => {
    const before = inbox.length
    const result = await sendReportEmail(
      settings({ password: 'wrong-Pa55word!' }),
      reportEmail(doc, { to: ['client@agency.test'], pdf }),
      { policy: fast },
    )
    expect(result.ok).toBe(false)
    expect(result.attempts).toHaveLength(1) // a refused login is not retried
    expect(result.attempts[0]!.code).toBe(535)
    expect(result.attempts[0]!.error).toMatch(/^EAUTH: /)
    expect(JSON.stringify(result)).not.toContain('wrong-Pa55word!')
    expect(JSON.stringify(result)).not.toContain(PASSWORD)
    expect(inbox.length).toBe(before)
  })

  it('retries a temporary refusal (451) and delivers on the next attempt', async () => {
    refusals.push(451)
    const before = inbox.length
    const result = await sendReportEmail(settings(), reportEmail(doc, { to: ['client@agency.test'], pdf }), {
      policy: fast,
    })
    expect(result.ok).toBe(true)
    expect(result.attempts.map((a) => [a.ok, a.code])).toEqual([
      [false, 451],
      [true, 250],
    ])
    expect(inbox.length).toBe(before + 1)
  })

  it('takes host, port, TLS mode and login from the config', () => {
    expect(smtpSettingsFromConfig({ SMTP_HOST: undefined } as never)).toBeNull()
    const s = smtpSettingsFromConfig({
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: 465,
      SMTP_TLS: 'tls',
      SMTP_USER: 'u',
      SMTP_PASSWORD: 'p',
      SMTP_FROM: 'R <r@example.com>',
    })!
    expect(transportOptions(s)).toMatchObject({
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      requireTLS: false,
    })
    expect(transportOptions({ ...s, tls: 'starttls' })).toMatchObject({
      secure: false,
      requireTLS: true,
      ignoreTLS: false,
    })
    expect(transportOptions({ ...s, tls: 'none', user: '' })).toMatchObject({
      ignoreTLS: true,
      auth: undefined,
    })
  })
})
