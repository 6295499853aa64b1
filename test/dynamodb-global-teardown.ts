export default async function teardown(): Promise<void> {
  await (globalThis as { __siyuDdb?: { stop(): Promise<void> } }).__siyuDdb?.stop()
}
