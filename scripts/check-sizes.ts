import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * Size budgets, checked on real build output: WeChat refuses a main package over 2 MB (we keep
 * under 1 MB so later features fit), and every Lambda zip stays small for cold starts.
 */
const ROOT = resolve(__dirname, '..')
const WEAPP_MAIN_BUDGET = 1024 * 1024
/** Each subpackage (staff, the brand's console) under 1.5 MB; WeChat's limit is 2 MB. */
const WEAPP_SUBPACKAGE_BUDGET = 1.5 * 1024 * 1024
const LAMBDA_ZIP_BUDGET = 1024 * 1024

function sizeOf(path: string, skip: (rel: string) => boolean = () => false, rel = ''): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.size
  return readdirSync(path)
    .filter((name) => !skip(join(rel, name)))
    .reduce((sum, name) => sum + sizeOf(join(path, name), skip, join(rel, name)), 0)
}

function subpackageRoots(weapp: string): string[] {
  const app = JSON.parse(require('node:fs').readFileSync(join(weapp, 'app.json'), 'utf8'))
  return (app.subPackages ?? app.subpackages ?? []).map((p: { root: string }) => p.root.replace(/\/$/, ''))
}

const what = process.argv[2]
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
let failed = false

if (what === 'weapp' || !what) {
  const weapp = join(ROOT, 'miniapp/dist/weapp')
  const subs = subpackageRoots(weapp)
  const main = sizeOf(weapp, (rel) => subs.some((s) => rel === s || rel.startsWith(`${s}/`)) || rel.endsWith('.map'))
  console.log(JSON.stringify({ check: 'weapp-main-package', bytes: main, budget: WEAPP_MAIN_BUDGET, subpackages: subs }))
  if (main > WEAPP_MAIN_BUDGET) (failed = true), console.error(`weapp main package ${kb(main)} is over ${kb(WEAPP_MAIN_BUDGET)}`)
  for (const sub of subs) {
    const bytes = sizeOf(join(weapp, sub), (rel) => rel.endsWith('.map'))
    console.log(JSON.stringify({ check: `weapp-subpackage-${sub}`, bytes, budget: WEAPP_SUBPACKAGE_BUDGET }))
    if (bytes > WEAPP_SUBPACKAGE_BUDGET) (failed = true), console.error(`weapp subpackage ${sub} ${kb(bytes)} is over ${kb(WEAPP_SUBPACKAGE_BUDGET)}`)
  }
}

if (what === 'lambda' || !what) {
  const dir = join(ROOT, '.serverless')
  const zips = readdirSync(dir).filter((f) => f.endsWith('.zip')).map((f) => ({ fn: f.replace(/\.zip$/, ''), bytes: statSync(join(dir, f)).size }))
  const largest = zips.reduce((a, b) => (b.bytes > a.bytes ? b : a))
  console.log(JSON.stringify({ check: 'lambda-zips', functions: zips.length, largest: largest.fn, largestBytes: largest.bytes, budget: LAMBDA_ZIP_BUDGET }))
  for (const z of zips) if (z.bytes > LAMBDA_ZIP_BUDGET) (failed = true), console.error(`${z.fn}.zip ${kb(z.bytes)} is over ${kb(LAMBDA_ZIP_BUDGET)}`)
}

process.exit(failed ? 1 : 0)
