export default async function teardown(): Promise<void> {
  await (globalThis as { __siyuStack?: { stop(): Promise<void> } }).__siyuStack?.stop()
}
