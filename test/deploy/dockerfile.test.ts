import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { aptPackages, parseDockerfile, substitute } from './dockerfile.ts'
import { ignorePattern } from './replica-build.ts'

const repoDockerfile = readFileSync(fileURLToPath(new URL('../../Dockerfile', import.meta.url)), 'utf8')

describe('parseDockerfile', () => {
  it('reads stages, args, continued lines and exec forms', () => {
    const file = parseDockerfile(
      [
        'ARG BASE=node:20',
        'FROM ${BASE} AS one',
        'WORKDIR /app',
        '# a comment',
        'RUN echo a \\',
        '    && echo b',
        'FROM one AS two',
        'ARG FLAG=false',
        'ENV A=1 \\',
        '    B="x y"',
        'COPY --from=one /app/x y/',
        'ENTRYPOINT ["sh", "run.sh"]',
      ].join('\n'),
    )
    expect(file.globalArgs).toEqual({ BASE: 'node:20' })
    expect(file.stages.map((s) => [s.name, s.from])).toEqual([
      ['one', '${BASE}'],
      ['two', 'one'],
    ])
    expect(file.stages[0]!.instructions[1]).toMatchObject({ kind: 'RUN', command: 'echo a && echo b' })
    expect(file.stages[1]!.instructions).toMatchObject([
      { kind: 'ARG', name: 'FLAG', default: 'false' },
      { kind: 'ENV', vars: { A: '1', B: 'x y' } },
      { kind: 'COPY', from: 'one', sources: ['/app/x'], dest: 'y/' },
      { kind: 'ENTRYPOINT', argv: ['sh', 'run.sh'] },
    ])
    expect(substitute('${BASE}-$FLAG', { BASE: 'node:20', FLAG: 'true' })).toBe('node:20-true')
  })

  it('refuses what it does not know, naming the line', () => {
    expect(() => parseDockerfile('FROM x\nHEALTHCHECK CMD true')).toThrow(/line 2: HEALTHCHECK/)
    expect(() => parseDockerfile('FROM x\nCMD node x')).toThrow(/line 2: only the exec form/)
  })

  it("reads the repo's Dockerfile: a build stage, production deps without dev deps, Chromium from Debian", () => {
    const file = parseDockerfile(repoDockerfile)
    expect(file.stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime'])
    const runs = (name: string) =>
      file.stages
        .find((s) => s.name === name)!
        .instructions.flatMap((i) => (i.kind === 'RUN' ? [i.command] : []))
    // The platform binaries of rollup and esbuild are optional dependencies: never omitted.
    expect([...runs('build'), ...runs('deps')].join('\n')).not.toMatch(/--omit=optional/)
    expect(runs('deps').join('\n')).toMatch(/npm ci --omit=dev/)
    expect(runs('runtime').flatMap((c) => aptPackages(c) ?? [])).toContain('chromium')
    expect(
      aptPackages('apt-get install -y --no-install-recommends chromium fonts-liberation && rm x'),
    ).toEqual(['chromium', 'fonts-liberation'])
  })
})

describe('ignorePattern', () => {
  it('reads .dockerignore lines as Docker does for the patterns we use', () => {
    const m = (p: string, f: string) => ignorePattern(p).test(f)
    expect(m('**/node_modules', 'node_modules/x/y.js')).toBe(true)
    expect(m('**/node_modules', 'core/node_modules/x')).toBe(true)
    expect(m('data', 'data/chdb/x')).toBe(true)
    expect(m('data', 'core/data/x')).toBe(false)
    expect(m('dashboard/build', 'dashboard/build/index.html')).toBe(true)
    expect(m('dashboard/build', 'dashboard/buildx')).toBe(false)
    expect(m('**/*.log', 'a/b/c.log')).toBe(true)
    expect(m('.git', '.gitignore')).toBe(false)
  })
})
