// A progress bar on stderr for long CLI work; plain log lines when stderr is not a terminal.
export class ProgressBar {
  private lastLine = 0

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, total: number, detail = ''): void {
    const pct = total > 0 ? Math.min(100, Math.round((100 * done) / total)) : 0
    if (this.stream.isTTY) {
      const width = 30
      const filled = Math.round((pct / 100) * width)
      this.stream.write(
        `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total} ${detail}\x1b[K`,
      )
    } else if (Date.now() - this.lastLine > 2000 || done === total) {
      this.lastLine = Date.now()
      this.stream.write(`${this.label}: ${pct}% ${done}/${total} ${detail}\n`)
    }
  }

  done(message: string): void {
    this.stream.write(`${this.stream.isTTY ? '\r\x1b[K' : ''}${message}\n`)
  }
}
