import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseDocument } from 'yaml'
import { methodsOf, routes } from '@siyu/shared/api/routes'
import { tableResources } from './tables'

const ROOT = resolve(__dirname, '../..')
const yml = parseDocument(readFileSync(resolve(ROOT, 'serverless.yml'), 'utf8'), {
  customTags: ['GetAtt', 'Join', 'Ref', 'Sub'].map((n) => ({ tag: `!${n}`, resolve: (v: unknown) => v }) as never),
}).toJS() as any

describe('serverless.yml', () => {
  const httpEvents = Object.entries<any>(yml.functions).flatMap(([fn, def]) =>
    (def.events ?? []).filter((e: any) => e.httpApi).map((e: any) => ({ fn, handler: def.handler as string, method: e.httpApi.method, path: e.httpApi.path })),
  )

  it('serves every route of the shared contract exactly once, and nothing else', () => {
    const served = httpEvents.map((e) => `${e.method} ${e.path}`).sort()
    expect(served).toEqual(Object.values(routes).flatMap((r) => methodsOf(r).map((m) => `${m} ${r.path}`)).sort())
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
