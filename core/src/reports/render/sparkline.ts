// A small inline SVG line of a share series for the trend table: drawn on the server, no script,
// so it prints and renders offline. Periods whose capture is incomplete are drawn as hollow dots.
export function sparkline(
  values: readonly number[],
  complete: readonly (boolean | null)[],
  opts: { width?: number; height?: number; max?: number } = {},
): string {
  const w = opts.width ?? 150
  const h = opts.height ?? 28
  const pad = 3
  const max = Math.max(opts.max ?? 0, ...values, 1e-9)
  const x = (i: number) =>
    pad + (values.length > 1 ? (i * (w - 2 * pad)) / (values.length - 1) : (w - 2 * pad) / 2)
  const y = (v: number) => h - pad - (v / max) * (h - 2 * pad)
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
  const dots = values
    .map((v, i) =>
      complete[i] === false
        ? `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="1.8" fill="#fff" stroke="#dc6803" stroke-width="1"/>`
        : '',
    )
    .join('')
  const last = values.length - 1
  const end =
    last >= 0
      ? `<circle cx="${x(last).toFixed(1)}" cy="${y(values[last]!).toFixed(1)}" r="2.2" fill="#102a43"/>`
      : ''
  return `<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-hidden="true"><line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#d0d5dd" stroke-width="0.6"/><polyline points="${points}" fill="none" stroke="#2e5c8a" stroke-width="1.4" stroke-linejoin="round"/>${dots}${end}</svg>`
}
