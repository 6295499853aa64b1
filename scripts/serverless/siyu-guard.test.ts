import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SiyuGuard, type ServerlessLike } from './siyu-guard'

const lambda = (env: Record<string, string>, handler = 'functions/src/members/handlers/get-me.handler') => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Handler: handler, Environment: { Variables: { STAGE: 'prod', SECRETS_PATH: '/siyu/prod', ...env } }, Role: { 'Fn::GetAtt': ['GetMeIamRoleLambdaExecution', 'Arn'] } },
})
const cleanTemplate = () => ({
  Resources: {
    IamRoleLambdaExecution: { Type: 'AWS::IAM::Role', Properties: {} },
    GetMeIamRoleLambdaExecution: { Type: 'AWS::IAM::Role', Properties: {} },
    GetMeLambdaFunction: lambda({}),
    HttpApiRouteGetV1Me: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'GET /v1/me' } },
  },
})
const allParameters = [
  { Name: '/siyu/prod/session-secret', Type: 'SecureString' },
  { Name: '/siyu/prod/pii-key', Type: 'SecureString' },
  { Name: '/siyu/prod/wechat-app-id', Type: 'String' },
  { Name: '/siyu/prod/wechat-app-secret', Type: 'SecureString' },
]

/** The Framework as the plugin sees it, with SSM answering GetParameters from `parameters`. */
function framework(opts: { functions?: Record<string, any>; template?: any; parameters?: { Name: string; Type: string }[] } = {}) {
  const requests: [string, string, any][] = []
  const schemas: object[] = []
  const parameters = opts.parameters ?? allParameters
  const serverless: ServerlessLike = {
    service: { functions: opts.functions ?? { getMe: { handler: 'h', tableActions: ['GetItem'] } }, provider: { compiledCloudFormationTemplate: opts.template ?? cleanTemplate() } },
    configSchemaHandler: { defineFunctionProperties: (_provider, schema) => schemas.push(schema) },
    getProvider: () => ({
      getStage: () => 'prod',
      request: async (service, method, params: any) => {
        requests.push([service, method, params])
        const found = parameters.filter((p) => params.Names.includes(p.Name))
        return { Parameters: found, InvalidParameters: params.Names.filter((n: string) => !found.some((p) => p.Name === n)) }
      },
    }),
    classes: { Error },
  }
  return { serverless, requests, schemas }
}

const saved = process.env.SIYU_LOCAL_STACK
afterEach(() => {
  if (saved === undefined) delete process.env.SIYU_LOCAL_STACK
  else process.env.SIYU_LOCAL_STACK = saved
})

describe('siyu-guard: packaging', () => {
  beforeEach(() => delete process.env.SIYU_LOCAL_STACK)

  it('declares tableActions as a function property of known DynamoDB actions', () => {
    const { serverless, schemas } = framework()
    new SiyuGuard(serverless)
    expect(schemas).toEqual([{ properties: { tableActions: expect.objectContaining({ type: 'array', items: { enum: expect.arrayContaining(['GetItem', 'ConditionCheckItem']) } }) } }])
  })

  it.each(['1', 'true'])('refuses to package with the local-stack flag set (SIYU_LOCAL_STACK=%s)', (flag) => {
    process.env.SIYU_LOCAL_STACK = flag
    const guard = new SiyuGuard(framework().serverless)
    expect(() => guard.hooks['before:package:initialize']()).toThrow(/SIYU_LOCAL_STACK is set/)
  })

  it('refuses a function that declares no tableActions', () => {
    const guard = new SiyuGuard(framework({ functions: { getMe: { handler: 'h' }, ok: { handler: 'h', tableActions: [] } } }).serverless)
    expect(() => guard.hooks['before:package:initialize']()).toThrow(/function getMe declares no tableActions/)
  })

  it("writes each function's own statements from its tableActions", () => {
    const { serverless } = framework({ functions: { getMe: { tableActions: ['GetItem'] }, getOpenApi: { tableActions: [] } } })
    new SiyuGuard(serverless).hooks['after:package:compileFunctions']()
    const { getMe, getOpenApi } = serverless.service.functions
    expect(getMe.iamRoleStatements.map((s: any) => s.Action)).toEqual([['dynamodb:GetItem'], ['ssm:GetParameters'], ['kms:Decrypt']])
    expect(getMe.iamRoleStatements[0].Resource).toEqual([{ 'Fn::GetAtt': ['Table', 'Arn'] }]) // no index without Query/Scan
    expect(getOpenApi.iamRoleStatements.map((s: any) => s.Action)).toEqual([['ssm:GetParameters'], ['kms:Decrypt']])
  })

  it('passes a clean template and drops the shared role nothing uses', () => {
    const { serverless } = framework()
    new SiyuGuard(serverless).hooks['before:package:finalize']()
    expect(Object.keys(serverless.service.provider.compiledCloudFormationTemplate.Resources)).not.toContain('IamRoleLambdaExecution')
  })

  it.each([
    ['plain secrets', { GetMeLambdaFunction: lambda({ SESSION_SECRET: 'x', PII_KEY: '' }) }, 'GetMeLambdaFunction carries SESSION_SECRET, PII_KEY in its environment'],
    ['the local-stack flag', { GetMeLambdaFunction: lambda({ SIYU_LOCAL_STACK: '1' }) }, 'GetMeLambdaFunction carries SIYU_LOCAL_STACK'],
    ['no secrets path', { GetMeLambdaFunction: lambda({ SECRETS_PATH: '' }) }, 'GetMeLambdaFunction has SECRETS_PATH "", expected "/siyu/prod"'],
    ["another stage's secrets path", { GetMeLambdaFunction: lambda({ SECRETS_PATH: '/siyu/test' }) }, 'expected "/siyu/prod"'],
    ['the dev login function', { AuthDevLambdaFunction: lambda({}, 'functions/src/members/handlers/auth-dev.handler') }, 'AuthDevLambdaFunction is the dev login'],
    ['the dev login route', { R: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'POST /v1/auth/dev' } } }, 'R routes POST /v1/auth/dev'],
  ])('refuses a template with %s', (_label, resources, message) => {
    const template = cleanTemplate()
    Object.assign(template.Resources, resources)
    const guard = new SiyuGuard(framework({ template }).serverless)
    expect(() => guard.hooks['before:package:finalize']()).toThrow(message)
  })
})

describe('siyu-guard: deploying', () => {
  beforeEach(() => delete process.env.SIYU_LOCAL_STACK)

  it("checks the stage's parameters (without decrypting them) and lets a complete stage deploy", async () => {
    const { serverless, requests } = framework()
    await new SiyuGuard(serverless).hooks['before:deploy:deploy']()
    expect(requests).toEqual([['SSM', 'getParameters', { Names: allParameters.map((p) => p.Name), WithDecryption: false }]])
  })

  it.each([
    ['a missing parameter', allParameters.slice(1), 'SSM parameter /siyu/prod/session-secret does not exist'],
    ['a secret stored as plain text', allParameters.map((p) => (p.Name.endsWith('pii-key') ? { ...p, Type: 'String' } : p)), '/siyu/prod/pii-key is a String; store it as a SecureString'],
    ['an app id stored as a list', allParameters.map((p) => (p.Name.endsWith('app-id') ? { ...p, Type: 'StringList' } : p)), '/siyu/prod/wechat-app-id is a StringList'],
  ])('refuses to deploy with %s', async (_label, parameters, message) => {
    const guard = new SiyuGuard(framework({ parameters }).serverless)
    await expect(guard.hooks['before:deploy:deploy']()).rejects.toThrow(message)
    await expect(guard.hooks['before:deploy:function:initialize']()).rejects.toThrow(message)
  })

  it('checks a package given with --package before deploying it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'siyu-guard-'))
    const template = cleanTemplate()
    Object.assign(template.Resources, { GetMeLambdaFunction: lambda({ WECHAT_APP_SECRET: 'x' }) })
    writeFileSync(join(dir, 'cloudformation-template-update-stack.json'), JSON.stringify(template))
    const guard = new SiyuGuard(framework().serverless, { package: dir })
    await expect(guard.hooks['before:deploy:deploy']()).rejects.toThrow('carries WECHAT_APP_SECRET')
  })

  it('refuses to deploy a function with the local-stack flag set', async () => {
    process.env.SIYU_LOCAL_STACK = '1'
    const { serverless, requests } = framework()
    await expect(new SiyuGuard(serverless).hooks['before:deploy:function:initialize']()).rejects.toThrow(/SIYU_LOCAL_STACK is set/)
    expect(requests).toEqual([])
  })
})
