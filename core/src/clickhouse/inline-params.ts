// Query parameters bound as typed literals, for the embedded engine. chDB runs plain queries of
// several connections at once, but it sends every parameterised query through one process-wide
// chain (its parameter state is not isolated per connection), so with native binding concurrent
// API requests queue behind each other. The embedded mode therefore binds the values itself, the
// way a ClickHouse server's own substitution does: each `{name:Type}` placeholder becomes
// `_CAST('<value as text>', 'Type')`, and ClickHouse parses the text with the type's parser, so a
// value that does not fit its type is refused exactly as it would be over HTTP.
//
// The text of a value is what the official client sends over HTTP (@clickhouse/client-common's
// formatQueryParams: arrays, tuples, maps, numbers, Dates), or the string itself for a string.
// It then enters the SQL only as one single-quoted literal, escaped by the same formatter (`\`,
// `'`, tab, newline, carriage return) plus NUL; nothing else is ever concatenated. Placeholders
// are found outside string literals, quoted identifiers and comments only.
import { formatQueryParams } from '@clickhouse/client-common'

export class InlineParamError extends Error {
  override name = 'InlineParamError'
}

/** `text` as one ClickHouse single-quoted string literal. */
export function quoteLiteral(text: string): string {
  return formatQueryParams({ value: text, wrapStringInQuotes: true }).replaceAll('\0', '\\0')
}

/** The text ClickHouse parses for a parameter value (the HTTP client's form, unescaped). */
function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  return formatQueryParams({ value, wrapStringInQuotes: false, printNullAsKeyword: false })
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Replaces every `{name:Type}` placeholder of `sql` by its value as a typed literal. */
export function inlineParams(sql: string, params: Record<string, unknown>): string {
  let out = ''
  let i = 0
  let copied = 0
  while (i < sql.length) {
    const ch = sql[i]!
    if (ch === "'" || ch === '"' || ch === '`') {
      i = skipQuoted(sql, i, ch)
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      i = end < 0 ? sql.length : end + 1
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end < 0 ? sql.length : end + 2
    } else if (ch === '{') {
      const end = placeholderEnd(sql, i)
      const body = sql.slice(i + 1, end)
      const colon = body.indexOf(':')
      const name = body.slice(0, colon).trim()
      const type = body.slice(colon + 1).trim()
      if (colon < 0 || !NAME.test(name) || type === '')
        throw new InlineParamError(`malformed query parameter {${body}}`)
      if (!Object.hasOwn(params, name))
        throw new InlineParamError(`query parameter {${name}:${type}} has no value`)
      if (type === 'Identifier') throw new InlineParamError(`{${name}:Identifier} is not supported`)
      const text = valueText(params[name])
      out +=
        sql.slice(copied, i) + `_CAST(${text === null ? 'NULL' : quoteLiteral(text)}, ${quoteLiteral(type)})`
      i = end + 1
      copied = i
    } else {
      i++
    }
  }
  return out + sql.slice(copied)
}

/** Index just past a quoted section starting at `start` (backslash escapes and doubled quotes). */
function skipQuoted(sql: string, start: number, quote: string): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] === '\\') i++
    else if (sql[i] === quote) {
      if (sql[i + 1] === quote) i++
      else return i + 1
    }
  }
  throw new InlineParamError('unterminated quoted section in the query')
}

/** Index of the `}` closing the placeholder at `start`; quotes inside the type are skipped. */
function placeholderEnd(sql: string, start: number): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] === "'") i = skipQuoted(sql, i, "'") - 1
    else if (sql[i] === '}') return i
    else if (sql[i] === '{') break
  }
  throw new InlineParamError(`unterminated query parameter at ${sql.slice(start, start + 40)}`)
}
