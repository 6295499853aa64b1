import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { createServer } from 'node:net'

const children = new Set<ChildProcess>()
let hooked = false

/** Kill every child we started when this process ends, however it ends: no orphaned JVM. */
function hookExit(): void {
  if (hooked) return
  hooked = true
  const killAll = () => {
    for (const child of children) if (child.exitCode === null) killTree(child)
  }
  process.once('exit', killAll)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll()
      process.exit(130)
    })
  }
}

function killTree(child: ChildProcess): void {
  try {
    // Children are process-group leaders (detached), so this also ends their own children.
    if (child.pid) process.kill(-child.pid, 'SIGTERM')
  } catch {
    child.kill('SIGTERM')
  }
}

/** Spawns a child that is stopped with this process. */
export function startChild(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  hookExit()
  const child = spawn(command, args, { stdio: 'inherit', detached: true, ...options })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    killTree(child)
  })
}

/** A TCP port that is free right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** Polls `probe` until it resolves true or the deadline passes. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`)
}
