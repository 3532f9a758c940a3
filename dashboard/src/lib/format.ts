// Number formatting shared by the banner and the table (fixed locale so output is predictable).
const integer = new Intl.NumberFormat('en-US')

export function formatCount(n: number): string {
  return integer.format(n)
}

/** 0.13671 → "13.7%" */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}
