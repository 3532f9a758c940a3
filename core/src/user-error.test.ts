import { describe, expect, it } from 'vitest'
import { formatCliError, redactCredentials, UserError } from './user-error.ts'

describe('redactCredentials', () => {
  it('hides user:pass@ in every URL of a text and leaves the rest', () => {
    expect(redactCredentials('refusing http://bob:s3cr3t@10.0.0.1/x and redis://:pw@r:6379 ok')).toBe(
      'refusing http://[redacted]@10.0.0.1/x and redis://[redacted]@r:6379 ok',
    )
    expect(redactCredentials('see https://example.com/a@b')).toBe('see https://example.com/a@b')
  })
})

describe('formatCliError', () => {
  it('prints a user error as one line without a stack', () => {
    const text = formatCliError(new UserError('bad thing at http://u:p@h/'))
    expect(text).toBe('stackradar: bad thing at http://[redacted]@h/')
  })

  it('keeps the stack of a bug only when asked, without the install root', () => {
    const err = new Error('boom')
    err.stack = 'Error: boom\n    at f (/opt/app/core/src/x.ts:1:1)'
    expect(formatCliError(err)).not.toMatch(/at f/)
    expect(formatCliError(err, { verbose: true, root: '/opt/app/' })).toMatch(/at f \(core\/src\/x\.ts:1:1\)/)
  })
})
