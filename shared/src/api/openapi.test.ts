import { contract } from './contract'
import { buildOpenApi } from './openapi'
import { methodsOf, routes } from './routes'

describe('API contract and OpenAPI', () => {
  it('gives every route exactly one operation, named after the route', () => {
    const doc = buildOpenApi({ version: 'test' })
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p) as { operationId: string }[])
    const expected = Object.entries(routes).flatMap(([name, r]) => (methodsOf(r).length > 1 ? [name, `${name}ByPost`] : [name]))
    expect(operations.map((o) => o.operationId).sort()).toEqual(expected.sort())
  })

  it('marks exactly the public routes as needing no token', () => {
    for (const [name, r] of Object.entries(routes)) {
      expect(contract[name as keyof typeof contract].roles === 'public').toBe('public' in r && r.public === true)
    }
  })

  it('keeps the contract on the same method and path as the route table', () => {
    for (const [name, r] of Object.entries(routes)) {
      expect(contract[name as keyof typeof contract]).toMatchObject({ method: r.method, path: r.path })
    }
  })

  it('documents request bodies from the zod schemas, with their constraints', () => {
    const doc = buildOpenApi({ version: 'test' }) as any
    const body = doc.paths['/v1/me/consents'].put.requestBody.content['application/json'].schema
    expect(body.required).toEqual(expect.arrayContaining(['privacyPolicyVersion', 'marketing', 'personalisation']))
    expect(body.additionalProperties).toBe(false)
  })
})
