// Runs the real `stackradar` command in a child process and collects its exit code and output;
// `waitFor` resolves once stdout+stderr match (for long-running commands such as `start`).
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface CliRun {
  child: ChildProcess
  output(): { stdout: string; stderr: string }
  waitFor(pattern: RegExp): Promise<void>
  done: Promise<{ code: number | null; stdout: string; stderr: string }>
}

export function spawnCli(args: string[], env: Record<string, string> = {}, input = ''): CliRun {
  const child = spawn(process.execPath, ['cli/bin/stackradar.js', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST_DELAY_MS: '0', ...env },
  })
  let stdout = ''
  let stderr = ''
  const watchers: { pattern: RegExp; resolve: () => void }[] = []
  const check = () => {
    for (const w of [...watchers]) {
      if (w.pattern.test(stdout + stderr)) {
        watchers.splice(watchers.indexOf(w), 1)
        w.resolve()
      }
    }
  }
  child.stdout!.on('data', (d: Buffer) => ((stdout += d.toString()), check()))
  child.stderr!.on('data', (d: Buffer) => ((stderr += d.toString()), check()))
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  )
  child.stdin!.end(input)
  return {
    child,
    output: () => ({ stdout, stderr }),
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        watchers.push({ pattern, resolve })
        check()
        void done.then(() => reject(new Error(`exited before ${pattern}: ${stderr.slice(-500)}`)))
      }),
    done,
  }
}

export const runCli = (args: string[], env: Record<string, string> = {}, input = '') =>
  spawnCli(args, env, input).done
