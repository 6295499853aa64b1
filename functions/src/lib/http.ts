import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda'
import { z } from 'zod'
import { contract, type Contract, type RouteContract } from '@siyu/shared/api/contract'
import type { RouteName } from '@siyu/shared/api/routes'
import type { Role } from '@siyu/shared/schemas/common'
import { getMemberItem } from '../entities/member'
import { ConfigError, DomainError, errorStatus, type ErrorCode } from './errors'
import { loadDeps, type Deps } from './deps'
import { limits } from './limits'
import { logger } from './logger'
import { verifyToken, type Session } from './session'

type Parsed<C, K extends string> = C extends Record<K, infer S> ? (S extends z.ZodType ? z.output<S> : never) : undefined

export interface RouteRequest<K extends RouteName> {
  body: Parsed<Contract[K], 'body'>
  query: Parsed<Contract[K], 'query'>
  params: Parsed<Contract[K], 'params'>
  /** Null only on public routes. */
  session: Contract[K]['roles'] extends 'public' ? Session | null : Session
  headers: Record<string, string | undefined>
  requestId: string
}

export type RouteResponse<K extends RouteName> = z.input<Contract[K]['response']>

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Content-Type, Authorization, Idempotency-Key',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
}

export function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...CORS_HEADERS },
    body: JSON.stringify(body),
  }
}

export function errorResponse(code: ErrorCode, message: string, details?: unknown): APIGatewayProxyResultV2 {
  const res = json(errorStatus[code], { error: { code, message, ...(details === undefined ? {} : { details }) } }) as { headers: Record<string, string> }
  const retryAfter = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
  if (typeof retryAfter === 'number') res.headers['retry-after'] = String(retryAfter)
  return res
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const details = result.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message, code: i.code }))
  throw new DomainError('request.invalid', details[0]?.message ? `请求参数有误：${details[0].message}` : '请求参数有误', details)
}

const headerOf = (event: APIGatewayProxyEventV2, name: string): string | undefined =>
  Object.entries(event.headers ?? {}).find(([k, v]) => v !== undefined && k.toLowerCase() === name)?.[1]

/**
 * Refuses what no route should parse, before any work: a body over the limit (routes without
 * a body schema take almost none), and a body not declared as JSON on routes that read one —
 * `text/plain` is a "simple" request browsers send cross-site without a preflight.
 */
function guardBody(route: RouteContract, event: APIGatewayProxyEventV2): void {
  if (!event.body) return
  const bytes = Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
  const maxBytes = route.body ? limits.maxBodyBytes : limits.maxBodylessBytes
  if (bytes > maxBytes) throw new DomainError('request.too_large', '请求内容过大', { maxBytes })
  const mediaType = headerOf(event, 'content-type')?.split(';')[0]?.trim().toLowerCase()
  if (route.body && mediaType !== 'application/json') {
    throw new DomainError('request.unsupported_media_type', '请求内容须为 JSON（Content-Type: application/json）')
  }
}

function readBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return {}
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body
  try {
    return JSON.parse(raw)
  } catch {
    throw new DomainError('request.malformed_json', '请求体不是合法的 JSON')
  }
}

async function authenticate(name: RouteName, event: APIGatewayProxyEventV2, deps: Deps): Promise<Session | null> {
  const roles = contract[name].roles
  if (roles === 'public') return null
  const header = event.headers?.authorization ?? event.headers?.Authorization
  const token = header?.match(/^Bearer (.+)$/i)?.[1]
  if (!token) throw new DomainError('auth.missing_token', '请先登录')
  const session = await verifyToken(token, { secret: deps.config.sessionSecret, now: deps.clock() })
  if (!session.roles.some((r) => (roles as readonly string[]).includes(r))) {
    throw new DomainError('auth.forbidden', '没有权限执行此操作')
  }
  return isAdminRoute(roles) ? withStoredRoles(session, roles, deps) : session
}

/** Routes for the brand's admins (roles include `admin`, not plain members). */
export const isAdminRoute = (roles: RouteContract['roles']): roles is readonly Role[] =>
  roles !== 'public' && roles.includes('admin') && !roles.includes('member')

/**
 * Admin rights are read from the member item (one consistent GetItem) on every admin route, as
 * `requireStaff` does for the till: a removed admin is refused at once, not when the token expires.
 */
async function withStoredRoles(session: Session, roles: readonly Role[], deps: Deps): Promise<Session> {
  const item = await getMemberItem(deps.table, session.memberId)
  if (!item?.roles.some((r) => roles.includes(r))) throw new DomainError('auth.forbidden', '没有权限执行此操作')
  return { ...session, roles: item.roles, storeId: item.storeId ?? null }
}

/**
 * The one HTTP adapter: parse with the route's shared schemas, check the token and roles,
 * run the domain call, and map typed errors to `{ error: { code, message, details? } }`.
 */
export function httpRoute<K extends RouteName>(
  name: K,
  run: (req: RouteRequest<K>, deps: Deps) => Promise<RouteResponse<K>>,
) {
  const route: RouteContract = contract[name]
  return async (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResultV2> => {
    const requestId = context?.awsRequestId ?? event.requestContext?.requestId ?? 'local'
    logger.appendKeys({ route: name, requestId })
    try {
      if (event.requestContext?.http?.method === 'OPTIONS') return { statusCode: 204, headers: CORS_HEADERS }
      guardBody(route, event)
      const deps = await loadDeps() // the first call of a container reads the secrets from SSM
      const session = await authenticate(name, event, deps)
      const req = {
        body: parsePart(route.body, readBody(event), 'body'),
        query: parsePart(route.query, event.queryStringParameters ?? {}, 'query'),
        params: parsePart(route.params, event.pathParameters ?? {}, 'params'),
        session,
        headers: event.headers ?? {},
        requestId,
      } as RouteRequest<K>
      const result = await run(req, deps)
      return json(route.status ?? 200, result)
    } catch (err) {
      if (err instanceof DomainError) {
        logger.info('request refused', { code: err.code })
        return errorResponse(err.code, err.message, err.details)
      }
      logger.error(err instanceof ConfigError ? `configuration: ${err.message}` : 'request failed', err as Error)
      return errorResponse('internal', '服务暂时不可用，请稍后重试')
    } finally {
      logger.removeKeys(['route', 'requestId'])
    }
  }
}
