import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from './server.ts'
import { createTestApp, type TestApp } from './test-app.ts'

let t: TestApp
let server: RunningServer
beforeAll(async () => {
  t = await createTestApp()
  server = await startServer(t.app, 0, '127.0.0.1')
})
afterAll(async () => {
  await server?.close()
  await t?.close()
})

/** Send raw bytes and read the whole answer (the server closes the connection). */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (d) => (answer += d))
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
    socket.end(request)
  })
}

function parse(answer: string) {
  const [head, body] = answer.split('\r\n\r\n', 2) as [string, string]
  return { statusLine: head.split('\r\n')[0], head, body: JSON.parse(body) as unknown }
}

describe('startServer', () => {
  it('answers 16 KB+ of headers with 431 and a JSON body', async () => {
    const res = parse(
      await raw(`GET /api/v1/skills HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`),
    )
    expect(res.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large')
    expect(res.head).toMatch(/content-type: application\/json/i)
    expect(res.body).toEqual({
      error: { code: 'headers_too_large', message: 'request headers exceed 16 KB' },
    })
  })

  it('answers a malformed request line with 400 and a JSON body', async () => {
    const res = parse(await raw('NOT HTTP AT ALL\r\n\r\n'))
    expect(res.statusLine).toBe('HTTP/1.1 400 Bad Request')
    expect(res.body).toMatchObject({ error: { code: 'bad_request' } })
  })

  it('still serves ordinary requests', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, clickhouse: { up: true }, queue: { up: true } })
  })
})
