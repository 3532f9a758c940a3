// A reader for the subset of Dockerfile syntax StackRadar's Dockerfile uses, so the replica script
// (docker-replica.ts) follows the file itself and cannot drift from it: stages (FROM … AS name),
// ARG (with defaults), ENV (key=value pairs), WORKDIR, COPY [--from=stage], RUN (shell form), USER,
// EXPOSE, ENTRYPOINT / CMD (exec form). Anything else is an error naming the line, so a new
// instruction makes the replica fail until it learns it.

export type Instruction =
  | { kind: 'ARG'; name: string; default: string | undefined; line: number }
  | { kind: 'ENV'; vars: Record<string, string>; line: number }
  | { kind: 'WORKDIR'; path: string; line: number }
  | { kind: 'COPY'; from: string | undefined; sources: string[]; dest: string; line: number }
  | { kind: 'RUN'; command: string; line: number }
  | { kind: 'USER' | 'EXPOSE'; value: string; line: number }
  | { kind: 'ENTRYPOINT' | 'CMD'; argv: string[]; line: number }

export interface Stage {
  name: string
  /** The base: an image reference (variables substituted) or an earlier stage's name. */
  from: string
  instructions: Instruction[]
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults (usable in FROM lines). */
  globalArgs: Record<string, string | undefined>
  stages: Stage[]
}

/** Joins continued lines and drops comments and blank lines; keeps each instruction's first line number. */
function logicalLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = []
  let current: { line: number; text: string } | undefined
  text.split('\n').forEach((raw, i) => {
    const trimmed = raw.trim()
    if (current === undefined && (trimmed === '' || trimmed.startsWith('#'))) return
    if (current !== undefined && trimmed.startsWith('#')) return
    const continued = trimmed.endsWith('\\')
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed
    current = current ? { line: current.line, text: `${current.text} ${part}` } : { line: i + 1, text: part }
    if (!continued) {
      out.push(current)
      current = undefined
    }
  })
  if (current) out.push(current)
  return out
}

export function substitute(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => {
    return vars[(a ?? b)!] ?? ''
  })
}

function execForm(rest: string, line: number): string[] {
  try {
    const argv: unknown = JSON.parse(rest)
    if (Array.isArray(argv) && argv.every((a) => typeof a === 'string')) return argv
  } catch {
    // falls through to the error below
  }
  throw new Error(`Dockerfile line ${line}: only the exec form ["cmd", "arg"] is supported here`)
}

function envPairs(rest: string, line: number): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const m of rest.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    vars[m[1]!] = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!
  }
  if (Object.keys(vars).length === 0) throw new Error(`Dockerfile line ${line}: ENV needs key=value`)
  return vars
}

export function parseDockerfile(text: string): Dockerfile {
  const globalArgs: Record<string, string | undefined> = {}
  const stages: Stage[] = []
  for (const { line, text: l } of logicalLines(text)) {
    const [, keyword = '', rest = ''] = /^(\w+)\s*(.*)$/.exec(l) ?? []
    const kind = keyword.toUpperCase()
    const stage = stages.at(-1)
    if (kind === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest)
      if (!m) throw new Error(`Dockerfile line ${line}: FROM <image> [AS name]`)
      stages.push({ name: m[2] ?? `stage${stages.length}`, from: m[1]!, instructions: [] })
      continue
    }
    if (kind === 'ARG' && !stage) {
      const [name, def] = rest.split('=', 2)
      globalArgs[name!.trim()] = def
      continue
    }
    if (!stage) throw new Error(`Dockerfile line ${line}: ${kind} before the first FROM`)
    const add = (i: Instruction) => stage.instructions.push(i)
    switch (kind) {
      case 'ARG': {
        const [name, def] = rest.split('=', 2)
        add({ kind, name: name!.trim(), default: def, line })
        break
      }
      case 'ENV':
        add({ kind, vars: envPairs(rest, line), line })
        break
      case 'WORKDIR':
        add({ kind, path: rest, line })
        break
      case 'COPY': {
        const words = rest.split(/\s+/)
        const from = words[0]?.startsWith('--from=') ? words.shift()!.slice('--from='.length) : undefined
        if (words.some((w) => w.startsWith('--')) || words.length < 2)
          throw new Error(`Dockerfile line ${line}: COPY [--from=stage] <src>... <dest>`)
        add({ kind, from, sources: words.slice(0, -1), dest: words.at(-1)!, line })
        break
      }
      case 'RUN':
        if (rest.startsWith('[')) throw new Error(`Dockerfile line ${line}: RUN in shell form only`)
        add({ kind, command: rest, line })
        break
      case 'USER':
      case 'EXPOSE':
        add({ kind, value: rest, line })
        break
      case 'ENTRYPOINT':
      case 'CMD':
        add({ kind, argv: execForm(rest, line), line })
        break
      default:
        throw new Error(
          `Dockerfile line ${line}: ${kind} is not supported by the replica (teach test/deploy/dockerfile.ts)`,
        )
    }
  }
  if (stages.length === 0) throw new Error('Dockerfile has no FROM')
  return { globalArgs, stages }
}

/** Packages an `apt-get install` step asks for (the replica checks them on the host). */
export function aptPackages(command: string): string[] | undefined {
  const m = /apt-get install\s+([^&;|]*)/.exec(command)
  if (!m) return undefined
  return m[1]!.split(/\s+/).filter((w) => w !== '' && !w.startsWith('-'))
}
