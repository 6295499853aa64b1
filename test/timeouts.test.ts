import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * Slow-machine safety: integration and browser tests run against DynamoDB Local (and the local
 * stack) on a shared 2-core CI box, so their projects carry a generous timeout, and no test file
 * quietly lowers it again (jest's default 5 s once failed a race test under load).
 */
const ROOT = join(__dirname, '..')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../jest.config.js') as { projects: { displayName: string; setupFilesAfterEnv?: string[] }[] }

const timeoutOf = (file: string) => Number(/jest\.setTimeout\(([\d_]+)\)/.exec(readFileSync(file, 'utf8'))?.[1].replace(/_/g, '') ?? 0)

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'dist') return []
    return statSync(path).isDirectory() ? files(path, suffix) : path.endsWith(suffix) ? [path] : []
  })
}

describe('test timeouts', () => {
  it.each(['integration', 'browser'])('the %s project sets a budget of at least 2 minutes per test', (name) => {
    const project = config.projects.find((p) => p.displayName === name)
    const setup = (project?.setupFilesAfterEnv ?? []).map((f) => f.replace('<rootDir>', ROOT))
    expect(Math.max(0, ...setup.map(timeoutOf))).toBeGreaterThanOrEqual(120_000)
  })

  it('no integration or browser test file lowers it', () => {
    const lowered = [...files(join(ROOT, 'functions/src'), '.int.test.ts'), ...files(join(ROOT, 'scripts'), '.int.test.ts'), ...files(join(ROOT, 'miniapp/e2e'), '.browser.test.ts')]
      .filter((f) => /jest\.setTimeout\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f))
    expect(lowered).toEqual([])
  })
})
