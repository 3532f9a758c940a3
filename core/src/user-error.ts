// Errors a user can fix (a bad setting, a bad sources file, a refused URL, a busy data directory)
// versus bugs. The CLI prints a user error as one clear line; a bug keeps its stack, with the
// install path cut off. Credentials written in a URL (user:pass@) never reach the terminal.

/** An expected failure whose message says what to change; shown without a stack trace. */
export class UserError extends Error {
  override name = 'UserError'
}

/** `scheme://user:pass@host` → `scheme://[redacted]@host`, anywhere in a text. */
export function redactCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@'"]+@/gi, '$1[redacted]@')
}

export interface FormatOptions {
  /** Also expected: errors the caller knows (e.g. a refused fetch). */
  isExpected?: (err: Error) => boolean
  /** Directory cut from stack paths (the install root). */
  root?: string
  /** Show the stack of an unexpected error (LOG_LEVEL=debug). */
  verbose?: boolean
}

/** The text the CLI prints for an error that ended a command. */
export function formatCliError(err: unknown, opts: FormatOptions = {}): string {
  if (!(err instanceof Error)) return `stackradar: ${redactCredentials(String(err))}`
  if (err instanceof UserError || opts.isExpected?.(err))
    return `stackradar: ${redactCredentials(err.message)}`
  let text = `stackradar: unexpected error: ${err.message}`
  if (opts.verbose && err.stack) {
    const stack = err.stack.split('\n').slice(1).join('\n')
    text += `\n${opts.root ? stack.split(opts.root).join('') : stack}`
  } else {
    text += '\n(run with LOG_LEVEL=debug for the stack trace)'
  }
  return redactCredentials(text)
}
