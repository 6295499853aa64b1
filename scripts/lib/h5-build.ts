import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')
export const H5_DIST = join(ROOT, 'miniapp/dist/h5')
const SOURCES = ['miniapp/src', 'miniapp/config', 'miniapp/babel.config.js', 'miniapp/package.json', 'shared/src'].map((p) => join(ROOT, p))

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

/** Builds the H5 mini-program unless dist/h5 is newer than every source it is built from. */
export function ensureH5Build(opts: { force?: boolean; quiet?: boolean } = {}): 'built' | 'fresh' {
  const built = newestMtime(join(H5_DIST, 'index.html'))
  if (!opts.force && built > 0 && built >= Math.max(...SOURCES.map(newestMtime))) return 'fresh'
  console.log('Building the mini-program for H5 (taro build --type h5) …')
  // A production build even under jest (which sets NODE_ENV=test and would enable React refresh).
  // Quiet: the build's progress output is kept and shown only if it fails.
  const result = spawnSync('npm', ['run', 'build:h5', '-w', 'miniapp', '--silent'], {
    cwd: ROOT,
    stdio: opts.quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024, // webpack's progress output is large
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) {
    if (opts.quiet) process.stderr.write(`${result.stdout}${result.stderr}`)
    throw new Error(`the H5 build failed (exit ${result.status})`)
  }
  return 'built'
}
