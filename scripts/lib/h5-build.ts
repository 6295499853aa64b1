import { execFileSync } from 'node:child_process'
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
export function ensureH5Build(opts: { force?: boolean } = {}): 'built' | 'fresh' {
  const built = newestMtime(join(H5_DIST, 'index.html'))
  if (!opts.force && built > 0 && built >= Math.max(...SOURCES.map(newestMtime))) return 'fresh'
  console.log('Building the mini-program for H5 (taro build --type h5) …')
  execFileSync('npm', ['run', 'build:h5', '-w', 'miniapp', '--silent'], { cwd: ROOT, stdio: 'inherit' })
  return 'built'
}
