// The HTTP server around createApp(); close() stops intake and waits for open requests.
import { serve, type ServerType } from '@hono/node-server'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { answerClientError } from './client-error.ts'

export interface RunningServer {
  port: number
  close(): Promise<void>
}

export function startServer(
  app: Pick<OpenAPIHono, 'fetch'>,
  port: number,
  hostname: string,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType
    const onError = (err: Error) => reject(new Error(`Cannot listen on ${hostname}:${port}: ${err.message}`))
    // eslint-disable-next-line prefer-const
    server = serve({ fetch: app.fetch, port, hostname }, (info) => {
      server.off('error', onError)
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r())
            ;(server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.()
          }),
      })
    })
    server.once('error', onError)
    server.on('clientError', answerClientError)
  })
}
