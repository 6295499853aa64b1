import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** `npm run bench [name…]`: runs each bench/*.ts in its own process; each prints one JSON line. */
const BENCH = resolve(__dirname, '../bench')
const only = process.argv.slice(2)
const benches = readdirSync(BENCH).filter((f) => f.endsWith('.ts') && (!only.length || only.includes(f.replace(/\.ts$/, ''))))
let failed = 0
for (const file of benches) {
  const { status } = spawnSync('npx', ['tsx', join(BENCH, file)], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (status !== 0) failed++
}
process.exit(failed ? 1 : 0)
