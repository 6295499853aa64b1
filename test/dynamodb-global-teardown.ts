export default async function teardown(): Promise<void> {
  ;(globalThis as { __siyuDdb?: { stop(): void } }).__siyuDdb?.stop()
}
