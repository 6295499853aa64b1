import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const SRC = __dirname

/** Every non-test source file of the functions, relative to src/. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name)
    if (d.isDirectory()) return sources(path)
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [relative(SRC, path)] : []
  })
}

/** The file without its comments (which may well show a key). */
const code = (f: string) => readFileSync(join(SRC, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')

/** Capability code decides; entity modules (and the few pieces of lib/) persist. */
const capabilityFiles = sources().filter((f) => !f.startsWith('entities/') && !f.startsWith('lib/') && f !== 'architecture.test.ts')

describe('the backend’s layering', () => {
  it('finds the capability files it checks', () => {
    expect(capabilityFiles.length).toBeGreaterThan(50)
    expect(capabilityFiles).toEqual(expect.arrayContaining(['staff/purchase.ts', 'ledger/post.ts', 'events/consume.ts']))
  })

  it('keeps the AWS SDK out of capability code: only entities/ and lib/ import it', () => {
    const offenders = capabilityFiles.filter((f) => /from '@aws-sdk\//.test(code(f)))
    expect(offenders).toEqual([])
  })

  it('maps no refusal by array position: no capability reads CancellationReasons', () => {
    const offenders = capabilityFiles.filter((f) => /CancellationReasons|conditionFailedAt|onSideConditionFailed/.test(code(f)))
    expect(offenders).toEqual([])
  })

  it('builds every key in lib/keys.ts: no capability or entity formats a table key itself', () => {
    const keyLiteral = /[`'"](MEMBER|COUPON|COUPONTPL|ORDER|ACTION|IDEMP|STORE|EVENT|HANDLED|DEADLETTER|REFCODE|AUDIT)#/
    const offenders = sources().filter((f) => f !== 'lib/keys.ts' && keyLiteral.test(code(f)))
    expect(offenders).toEqual([])
  })
})
