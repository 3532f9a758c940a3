// Versions for tables whose rows are rewritten whole (ReplacingMergeTree(version)): microseconds
// since the epoch, strictly increasing within a process, so two writes in one millisecond order.
let last = 0n

/** A UInt64 version (as a decimal string, how ClickHouse takes a UInt64 over JSON). */
export function rowVersion(now = Date.now()): string {
  const candidate = BigInt(now) * 1000n
  last = candidate > last ? candidate : last + 1n
  return last.toString()
}
