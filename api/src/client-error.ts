// Requests Node's HTTP parser refuses before Hono sees them (headers over 16 KB, malformed
// request lines) still get the API's JSON error body, not a bare status line.
import type { Duplex } from 'node:stream'

const ANSWERS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'headers_too_large',
    'request headers exceed 16 KB',
  ],
  HPE_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request_timeout', 'the request was not received in time'],
}

export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const [status, reason, code, message] = ANSWERS[err.code ?? ''] ?? [
    400,
    'Bad Request',
    'bad_request',
    'malformed HTTP request',
  ]
  const body = JSON.stringify({ error: { code, message } })
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
