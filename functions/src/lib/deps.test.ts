import { randomBytes } from 'node:crypto'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda'
import type { GetParametersCommandOutput, Parameter } from '@aws-sdk/client-ssm'
import { getDeps, loadDeps, resetDeps, useSsmClient } from './deps'
import type { SsmClientLike } from './secrets'
import { handler as getOpenApi } from '../program/handlers/get-openapi'

const parameters: Parameter[] = [
  { Name: '/siyu/prod/session-secret', Type: 'SecureString', Value: 's'.repeat(40) },
  { Name: '/siyu/prod/pii-key', Type: 'SecureString', Value: randomBytes(32).toString('base64') },
  { Name: '/siyu/prod/wechat-app-id', Type: 'String', Value: 'wx-prod' },
  { Name: '/siyu/prod/wechat-app-secret', Type: 'SecureString', Value: 'app-secret' },
]

/** GetParameters over `stored`; counts the calls. */
function ssmWith(stored: Parameter[]) {
  const ssm = {
    calls: 0,
    async send(command) {
      ssm.calls++
      const names = command.input.Names ?? []
      const found = stored.filter((p) => names.includes(p.Name!))
      return { Parameters: found, InvalidParameters: names.filter((n) => !found.some((p) => p.Name === n)), $metadata: {} } as GetParametersCommandOutput
    },
  } satisfies SsmClientLike & { calls: number }
  return ssm
}

const deployedEnv = { STAGE: 'prod', TABLE_NAME: 'siyu-prod', SECRETS_PATH: '/siyu/prod', WECHAT_API_BASE: 'https://api.weixin.qq.com', AWS_REGION: 'ap-east-1' }
const secretNames = ['SIYU_LOCAL_STACK', 'DYNAMODB_ENDPOINT', 'SESSION_SECRET', 'PII_KEY', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET']
const saved = { ...process.env }
const openApi = () => getOpenApi({ requestContext: { requestId: 'r1', http: { method: 'GET' } } } as unknown as APIGatewayProxyEventV2) as Promise<APIGatewayProxyStructuredResultV2>

beforeEach(() => {
  for (const name of secretNames) delete process.env[name]
  Object.assign(process.env, deployedEnv)
  resetDeps()
})
afterAll(() => {
  process.env = saved
  resetDeps()
})

describe('a deployed function (no local-stack flag)', () => {
  it('reads its secrets from SSM once per container, before the first getDeps()', async () => {
    const ssm = ssmWith(parameters)
    useSsmClient(ssm)
    const [deps] = await Promise.all([loadDeps(), loadDeps(), loadDeps()])
    await loadDeps()
    expect(ssm.calls).toBe(1)
    expect(getDeps()).toBe(deps)
    expect(deps.config).toMatchObject({ stage: 'prod', localStack: false, wechat: { appId: 'wx-prod', appSecret: 'app-secret' } })
  })

  it('answers 500 while a parameter is missing, and recovers once it exists', async () => {
    const ssm = ssmWith(parameters.slice(1))
    useSsmClient(ssm)
    const refused = await openApi()
    expect(refused.statusCode).toBe(500)
    expect(JSON.parse(refused.body!)).toMatchObject({ error: { code: 'internal' } })
    ssm.send = ssmWith(parameters).send
    expect((await openApi()).statusCode).toBe(200)
  })

  it('refuses to start when given plain secrets in its environment', async () => {
    useSsmClient(ssmWith(parameters))
    process.env.SESSION_SECRET = 'p'.repeat(40)
    expect((await openApi()).statusCode).toBe(500)
    expect(() => getDeps()).toThrow(/must not be environment variables/)
  })

  it('refuses to start without a secrets path, or before its secrets are loaded', async () => {
    delete process.env.SECRETS_PATH
    await expect(loadDeps()).rejects.toThrow('SECRETS_PATH is not configured')
    expect(() => getDeps()).toThrow(/secrets are not loaded/)
  })

  it('runs a scheduled job only with its secrets', async () => {
    const { reviewTiers } = await import('../tiers/handlers/scheduled')
    useSsmClient(ssmWith(parameters.slice(0, 3)))
    await expect(reviewTiers()).rejects.toThrow('SSM parameters missing: /siyu/prod/wechat-app-secret')
  })
})

describe('the local stack', () => {
  it('takes plain secrets from its environment and never asks SSM', async () => {
    const ssm = ssmWith([])
    useSsmClient(ssm)
    Object.assign(process.env, {
      SIYU_LOCAL_STACK: '1', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      SESSION_SECRET: 'l'.repeat(40), PII_KEY: randomBytes(32).toString('base64'), WECHAT_APP_ID: 'wx-local', WECHAT_APP_SECRET: 'local',
    })
    expect((await loadDeps()).config).toMatchObject({ localStack: true, wechat: { appId: 'wx-local' } })
    expect(ssm.calls).toBe(0)
  })
})
