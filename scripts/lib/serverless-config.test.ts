import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseDocument } from 'yaml'
import { methodsOf, routes } from '@siyu/shared/api/routes'
import { tableResources } from './tables'

const ROOT = resolve(__dirname, '../..')
const yml = parseDocument(readFileSync(resolve(ROOT, 'serverless.yml'), 'utf8'), {
  customTags: ['GetAtt', 'Join', 'Ref', 'Sub'].map((n) => ({ tag: `!${n}`, resolve: (v: unknown) => v }) as never),
}).toJS() as any
const localStack = require('../serverless/local-stack.js') as { functions(): Record<string, any>; esbuildWorkFolder(): string }
const LOCAL_STACK_FUNCTIONS = '${file(./scripts/serverless/local-stack.js):functions}'

/** What local-stack.js resolves to with the flag on or off (serverless.yml reads it when resolved). */
function withFlag<T>(on: boolean, read: () => T): T {
  const saved = process.env.SIYU_LOCAL_STACK
  if (on) process.env.SIYU_LOCAL_STACK = '1'
  else delete process.env.SIYU_LOCAL_STACK
  try {
    return read()
  } finally {
    if (saved === undefined) delete process.env.SIYU_LOCAL_STACK
    else process.env.SIYU_LOCAL_STACK = saved
  }
}

/** `functions:` as the Framework merges its list: the local-stack entry, then the map of the rest. */
function functionsOf(localStackFlag: boolean): Record<string, any> {
  const entries: unknown[] = Array.isArray(yml.functions) ? yml.functions : [yml.functions]
  return Object.assign({}, ...entries.map((entry) => (entry === LOCAL_STACK_FUNCTIONS ? withFlag(localStackFlag, localStack.functions) : entry)))
}

function httpEventsOf(functions: Record<string, any>) {
  return Object.entries<any>(functions).flatMap(([fn, def]) =>
    (def.events ?? []).filter((e: any) => e.httpApi).map((e: any) => ({ fn, handler: def.handler as string, method: e.httpApi.method, path: e.httpApi.path })),
  )
}

const contractRoutes = (only: (name: string) => boolean) =>
  Object.entries(routes).filter(([name]) => only(name)).flatMap(([, r]) => methodsOf(r).map((m) => `${m} ${r.path}`)).sort()

describe('serverless.yml', () => {
  const httpEvents = httpEventsOf(functionsOf(true))

  it('serves every route of the shared contract exactly once in the local stack, and nothing else', () => {
    expect(httpEvents.map((e) => `${e.method} ${e.path}`).sort()).toEqual(contractRoutes(() => true))
  })

  it('has no dev login without the local-stack flag, whatever the stage', () => {
    expect(functionsOf(false)).not.toHaveProperty('authDev')
    expect(httpEventsOf(functionsOf(false)).map((e) => `${e.method} ${e.path}`).sort()).toEqual(contractRoutes((name) => name !== 'authDev'))
    expect(yml.functions[0]).toBe(LOCAL_STACK_FUNCTIONS)
  })

  it('builds the local stack and the package in different esbuild folders', () => {
    expect(yml.custom.esbuild.outputWorkFolder).toBe('${file(./scripts/serverless/local-stack.js):esbuildWorkFolder}')
    const [local, packaged] = [true, false].map((on) => withFlag(on, localStack.esbuildWorkFolder))
    expect(local).not.toBe(packaged)
    // serverless-esbuild deletes its work folder after packaging: neither may sit inside the other.
    expect(local.startsWith(`${packaged}/`) || packaged.startsWith(`${local}/`)).toBe(false)
    // Dot-folders: the offline build's file watcher (`./**/*.(js|ts)`) does not look into them.
    expect([local[0], packaged[0]]).toEqual(['.', '.'])
  })

  it('declares the table actions of every deployable function', () => {
    for (const [fn, def] of Object.entries(functionsOf(false))) expect([fn, Array.isArray(def.tableActions)]).toEqual([fn, true])
  })

  it('carries no secret in the environment', () => {
    expect(Object.keys(yml.provider.environment)).toEqual(expect.not.arrayContaining(['SESSION_SECRET', 'PII_KEY', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'DYNAMODB_ENDPOINT', 'SIYU_LOCAL_STACK']))
    expect(yml.provider.environment.SECRETS_PATH).toBe('/siyu/${sls:stage}')
  })

  it.each(Object.entries(routes))('%s points at an existing handler export', async (name, r) => {
    const event = httpEvents.find((e) => e.method === r.method && e.path === r.path)!
    expect(event.fn).toBe(name)
    // Aliases (POST for PATCH) reach the same function.
    for (const m of methodsOf(r)) expect(httpEvents.find((e) => e.method === m && e.path === r.path)?.fn).toBe(name)
    const [file, exportName] = event.handler.split(/\.(?=[^.]+$)/)
    expect(existsSync(resolve(ROOT, `${file}.ts`))).toBe(true)
    const mod = await import(resolve(ROOT, `${file}.ts`))
    expect(typeof mod[exportName]).toBe('function')
  })

  it('declares the single table the local stack creates', () => {
    const [table] = tableResources()
    expect(table.logicalId).toBe('Table')
    expect(table.properties.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }])
    expect(table.properties.GlobalSecondaryIndexes.map((i: any) => i.IndexName)).toEqual(['gsi1'])
  })
})
