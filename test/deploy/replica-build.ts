// Replays a parsed Dockerfile on this machine, the way `docker build` would, for CI machines without a
// container engine. Each stage gets its own directory standing for the image's filesystem root
// (`<dir>/<stage>/`); WORKDIR, COPY and COPY --from map image paths into it; RUN steps run with `sh -c`
// in the mapped WORKDIR with the stage's ARG and ENV values. What cannot be replayed is checked
// instead: the base image's Node.js major must be this machine's, and `apt-get install` steps' packages
// must be installed here (the step itself is not run). A stage whose instructions, arguments and
// source stages are unchanged is reused (like docker's layer cache), so a second variant rebuilds only
// what its build arguments touch.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { aptPackages, substitute, type Dockerfile, type Stage } from './dockerfile.ts'

export interface BuiltStage {
  name: string
  root: string
  workdir: string
  env: Record<string, string>
  entrypoint: string[]
  cmd: string[]
  key: string
}

export type Say = (line: string) => void

/** The build context: files git knows of (tracked + untracked, not ignored), minus .dockerignore's patterns. */
export function prepareContext(repo: string, into: string, say: Say): void {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repo })
    .toString()
    .split('\0')
    .filter(Boolean)
  const ignoreFile = join(repo, '.dockerignore')
  const patterns = existsSync(ignoreFile)
    ? readFileSync(ignoreFile, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : []
  const matchers = patterns.map(ignorePattern)
  const ignored = (file: string) => matchers.some((m) => m.test(file))
  let copied = 0
  for (const file of listed) {
    if (ignored(file) || !existsSync(join(repo, file))) continue
    mkdirSync(join(into, dirname(file)), { recursive: true })
    cpSync(join(repo, file), join(into, file), { verbatimSymlinks: true })
    copied++
  }
  say(`context: ${copied} files (git ls-files minus .dockerignore)`)
}

/** A .dockerignore line as a regex: `*` within a segment, `**` across segments; a match covers what is below. */
export function ignorePattern(pattern: string): RegExp {
  const body = pattern
    .replace(/^\/+|\/+$/g, '')
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?'
      if (part === '**') return '.*'
      if (part === '*') return '[^/]*'
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('')
  return new RegExp(`^${body}(?:/.*)?$`)
}

function copyInto(src: string, dest: string, destIsDir: boolean): void {
  if (!existsSync(src)) throw new Error(`COPY: ${src} does not exist`)
  if (statSync(src).isDirectory()) {
    mkdirSync(dest, { recursive: true })
    for (const entry of readdirSync(src))
      cpSync(join(src, entry), join(dest, entry), { recursive: true, verbatimSymlinks: true })
    return
  }
  const target = destIsDir ? join(dest, posix.basename(src)) : dest
  mkdirSync(dirname(target), { recursive: true })
  cpSync(src, target, { verbatimSymlinks: true })
}

export interface BuildOptions {
  file: Dockerfile
  context: string
  /** Where stage roots live (reused between variants). */
  dir: string
  buildArgs: Record<string, string>
  say: Say
}

/** Builds every stage in order; returns them by name (the last one is the image). */
export function buildStages(options: BuildOptions): Map<string, BuiltStage> {
  const { file, context, dir, buildArgs, say } = options
  const built = new Map<string, BuiltStage>()
  const globals: Record<string, string | undefined> = { ...file.globalArgs, ...buildArgs }
  for (const stage of file.stages) {
    const base = substitute(stage.from, globals)
    const parent = built.get(base)
    const args: Record<string, string> = {}
    const key = stageKey(stage, base, buildArgs, built)
    const root = join(dir, `${stage.name}-${key}`)
    const state: BuiltStage = {
      name: stage.name,
      root,
      workdir: parent?.workdir ?? '/',
      env: { ...parent?.env },
      entrypoint: parent?.entrypoint ?? [],
      cmd: parent?.cmd ?? [],
      key,
    }
    const cached = existsSync(join(root, '.replica-done'))
    if (!parent) checkBaseImage(base)
    say(`stage ${stage.name} (FROM ${base})${cached ? ': unchanged, reused' : ''}`)
    if (!cached) {
      mkdirSync(root, { recursive: true })
      if (parent) cpSync(parent.root, root, { recursive: true, verbatimSymlinks: true })
    }
    const at = (p: string) => join(root, posix.isAbsolute(p) ? p : posix.join(state.workdir, p))
    for (const step of stage.instructions) {
      const vars = { ...args, ...state.env }
      switch (step.kind) {
        case 'ARG':
          args[step.name] = buildArgs[step.name] ?? step.default ?? ''
          break
        case 'ENV':
          for (const [k, v] of Object.entries(step.vars)) state.env[k] = substitute(v, vars)
          break
        case 'WORKDIR':
          state.workdir = posix.resolve(state.workdir, substitute(step.path, vars))
          if (!cached) mkdirSync(at('.'), { recursive: true })
          break
        case 'ENTRYPOINT':
          state.entrypoint = step.argv
          break
        case 'CMD':
          state.cmd = step.argv
          break
        case 'USER':
        case 'EXPOSE':
          break // nothing to replay: the replica runs as the calling user, on ports it picks
        case 'COPY': {
          if (cached) break
          const fromRoot = step.from ? built.get(step.from)?.root : undefined
          if (step.from && !fromRoot)
            throw new Error(`line ${step.line}: COPY --from=${step.from}: no such stage`)
          const destIsDir = step.dest.endsWith('/') || step.dest === '.' || step.sources.length > 1
          for (const src of step.sources) {
            const from = fromRoot ? join(fromRoot, src) : join(context, src)
            copyInto(from, at(step.dest), destIsDir)
          }
          break
        }
        case 'RUN': {
          const packages = aptPackages(step.command)
          if (packages) {
            checkHostPackages(packages, step.line)
            say(`  line ${step.line}: system packages present on this host: ${packages.join(', ')}`)
            break
          }
          if (cached) break
          say(`  line ${step.line}: RUN ${step.command}`)
          const t0 = Date.now()
          const run = spawnSync('sh', ['-c', step.command], {
            cwd: at('.'),
            env: { PATH: process.env.PATH, HOME: process.env.HOME, ...vars },
            stdio: ['ignore', 'inherit', 'inherit'],
          })
          if (run.status !== 0)
            throw new Error(`line ${step.line}: RUN ${step.command} exited ${run.status ?? run.signal}`)
          say(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
          break
        }
      }
    }
    if (!cached) writeFileSync(join(root, '.replica-done'), `${stage.name} ${key}\n`)
    built.set(stage.name, state)
  }
  return built
}

function stageKey(
  stage: Stage,
  base: string,
  buildArgs: Record<string, string>,
  built: Map<string, BuiltStage>,
): string {
  const used = stage.instructions.flatMap((i) =>
    i.kind === 'ARG' ? [`${i.name}=${buildArgs[i.name] ?? ''}`] : [],
  )
  const sources = stage.instructions.flatMap((i) =>
    i.kind === 'COPY' && i.from ? [built.get(i.from)?.key] : [],
  )
  return createHash('sha256')
    .update(
      JSON.stringify([
        base,
        built.get(base)?.key,
        used,
        sources,
        stage.instructions.map(({ line: _, ...i }) => i),
      ]),
    )
    .digest('hex')
    .slice(0, 12)
}

/** `node:20-…` must be replayed with Node.js 20 here. */
function checkBaseImage(image: string): void {
  const major = /^node:(\d+)/.exec(image)?.[1]
  if (!major) throw new Error(`base image ${image}: the replica knows only node:<major> images`)
  const here = process.versions.node.split('.')[0]
  if (major !== here)
    throw new Error(`base image ${image} has Node.js ${major}; this machine runs ${process.versions.node}`)
}

function checkHostPackages(packages: string[], line: number): void {
  const missing = packages.filter((p) => {
    const q = spawnSync('dpkg-query', ['-W', '-f=${Status}', p])
    return q.status !== 0 || !q.stdout.toString().includes('install ok installed')
  })
  if (missing.length > 0)
    throw new Error(
      `line ${line}: the image installs ${missing.join(', ')}, missing on this host: apt-get install -y ${missing.join(' ')}`,
    )
}
