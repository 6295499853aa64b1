/** Runs `fn` over `items` with at most `concurrency` in flight. */
export async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++])
  }))
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/** Runs every item through `fn`, timing each: operations per second and sorted latencies (ms). */
export async function measure<T>(items: T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<{ perSec: number; latencies: number[] }> {
  const latencies: number[] = []
  const started = performance.now()
  await pool(items, concurrency, async (item) => {
    const t = performance.now()
    await fn(item)
    latencies.push(performance.now() - t)
  })
  return { perSec: items.length / ((performance.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b) }
}

export const round = (n: number, digits = 2) => +n.toFixed(digits)
