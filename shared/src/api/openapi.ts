import { z } from 'zod'
import { ErrorBody } from '../schemas/common'
import { contract, type RouteContract } from './contract'

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' })

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } },
})

function operation(name: string, r: RouteContract) {
  const parameters: unknown[] = []
  const addParams = (schema: z.ZodType | undefined, where: 'query' | 'path') => {
    if (!schema) return
    const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] }
    for (const [key, prop] of Object.entries(js.properties ?? {})) {
      parameters.push({ name: key, in: where, required: where === 'path' || (js.required ?? []).includes(key), schema: prop })
    }
  }
  for (const h of r.headers ?? []) parameters.push({ name: h.name, in: 'header', required: !h.optional, description: h.description, schema: { type: 'string' } })
  addParams(r.query, 'query')
  addParams(r.params, 'path')
  return {
    operationId: name,
    summary: r.summary,
    tags: [r.tag],
    ...(r.roles === 'public' ? { security: [] } : { 'x-roles': r.roles }),
    ...(parameters.length ? { parameters } : {}),
    ...(r.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } }
      : {}),
    responses: {
      [String(r.status ?? 200)]: {
        description: 'OK',
        content: { 'application/json': { schema: jsonSchema(r.response, 'output') } },
      },
      400: errorResponse('Invalid input (details list the zod issues with field paths)'),
      ...(r.roles === 'public' ? {} : { 401: errorResponse('Missing or invalid token'), 403: errorResponse('Role not allowed') }),
    },
  }
}

/** OpenAPI 3 document generated from the shared contract: no hand-written copy to drift. */
export function buildOpenApi(info: { version: string; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [name, r] of Object.entries(contract) as [string, RouteContract][]) {
    paths[r.path] ??= {}
    paths[r.path][r.method.toLowerCase()] = operation(name, r)
    if (r.method === 'PATCH') {
      // The same operation as POST, for clients that cannot send PATCH (WeChat's wx.request).
      paths[r.path].post = { ...operation(`${name}ByPost`, r), summary: `${r.summary} (POST form of PATCH)` }
    }
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Siyu loyalty API', version: info.version },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths,
  }
}
