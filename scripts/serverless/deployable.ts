import { SECRET_NAMES, SECRET_PARAMETERS, secretParameterNames, secretsPathFor } from '../../functions/src/lib/config'

/**
 * What makes a template deployable, as pure functions over plain data, so the siyu-guard plugin
 * and `npm test`'s template check apply the same rules and unit tests can show each refusal.
 */

/** DynamoDB actions a function may declare in `tableActions` (IAM action names without `dynamodb:`). */
export const TABLE_ACTIONS = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem'] as const
export type TableAction = (typeof TABLE_ACTIONS)[number]

/** Environment variables only the local stack may have; in a deployed function they are a mistake. */
export const LOCAL_ONLY_ENV = [...SECRET_NAMES, 'SIYU_LOCAL_STACK', 'DYNAMODB_ENDPOINT'] as const

export const DEV_LOGIN_ROUTE = 'POST /v1/auth/dev'

type Json = any // CloudFormation fragments

export const TABLE_ARN: Json = { 'Fn::GetAtt': ['Table', 'Arn'] }
export const INDEX_ARN: Json = { 'Fn::Join': ['/', [{ 'Fn::GetAtt': ['Table', 'Arn'] }, 'index', '*']] }
export const parameterArn = (name: string): Json => ({ 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${name}` })

/** Refusals that do not need the template: packaging with the local-stack flag set. */
export function environmentProblems(env: NodeJS.ProcessEnv): string[] {
  return env.SIYU_LOCAL_STACK
    ? [`SIYU_LOCAL_STACK is set (${JSON.stringify(env.SIYU_LOCAL_STACK)}): it marks the local stack, whose dev login and plain secrets must never be packaged. Unset it to package or deploy.`]
    : []
}

/**
 * The statements of one function's own role: its declared table actions (Query and Scan also on
 * the indexes), reading exactly its stage's secret parameters, and decrypting them only through
 * SSM. (The AWS-managed `aws/ssm` key's policy already allows that; the grant matters for a
 * customer-managed key, and the conditions keep it to these parameters.)
 */
export function roleStatements(actions: readonly string[], stage: string): Json[] {
  const params = secretParameterNames(secretsPathFor(stage)).map(parameterArn)
  const table = actions.length
    ? [{ Effect: 'Allow', Action: actions.map((a) => `dynamodb:${a}`), Resource: [TABLE_ARN, ...(actions.some((a) => a === 'Query' || a === 'Scan') ? [INDEX_ARN] : [])] }]
    : []
  return [
    ...table,
    { Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: params },
    {
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*' },
      Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' }, 'kms:EncryptionContext:PARAMETER_ARN': params } },
    },
  ]
}

/** Every function must say which table actions it needs (`[]` for none), so none falls back to a shared role. */
export function undeclaredFunctions(functions: Record<string, { tableActions?: unknown }>): string[] {
  return Object.entries(functions)
    .filter(([, fn]) => !Array.isArray(fn.tableActions))
    .map(([name]) => `function ${name} declares no tableActions (list the DynamoDB actions it calls; [] for none)`)
}

const resourcesOf = (template: Json, type: string): [string, Json][] =>
  Object.entries<Json>(template.Resources ?? {}).filter(([, r]) => r.Type === type)

/** A packaged template that would carry secrets, miss the secret reference or offer dev login. */
export function templateProblems(template: Json, stage: string): string[] {
  const problems: string[] = []
  const path = secretsPathFor(stage)
  for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
    const env: Record<string, unknown> = fn.Properties?.Environment?.Variables ?? {}
    const carried = LOCAL_ONLY_ENV.filter((name) => name in env)
    if (carried.length) problems.push(`${id} carries ${carried.join(', ')} in its environment (secrets belong in SSM under ${path})`)
    if (env.SECRETS_PATH !== path) problems.push(`${id} has SECRETS_PATH ${JSON.stringify(env.SECRETS_PATH)}, expected "${path}"`)
    if (String(fn.Properties?.Handler ?? '').includes('auth-dev')) problems.push(`${id} is the dev login, which exists only in the local stack`)
  }
  for (const [id, route] of resourcesOf(template, 'AWS::ApiGatewayV2::Route')) {
    if (route.Properties?.RouteKey === DEV_LOGIN_ROUTE) problems.push(`${id} routes ${DEV_LOGIN_ROUTE}, which exists only in the local stack`)
  }
  return problems
}

/** What SSM GetParameters (without decryption) says about the stage's secret parameters before a deploy. */
export function parameterProblems(stage: string, answer: { Parameters?: { Name?: string; Type?: string }[]; InvalidParameters?: string[] }): string[] {
  const names = secretParameterNames(secretsPathFor(stage))
  return SECRET_NAMES.flatMap((secret, i) => {
    const found = answer.Parameters?.find((p) => p.Name === names[i])
    if (!found) return [`SSM parameter ${names[i]} does not exist`]
    const secure = SECRET_PARAMETERS[secret].secure
    if (secure && found.Type !== 'SecureString') return [`SSM parameter ${names[i]} is a ${found.Type}; store it as a SecureString`]
    if (!secure && found.Type === 'StringList') return [`SSM parameter ${names[i]} is a StringList; store it as a String`]
    return []
  })
}

/** Drops the framework's shared role once every function has its own (nothing may fall back to it). */
export function dropUnusedSharedRole(template: Json, roleId = 'IamRoleLambdaExecution'): boolean {
  if (!template.Resources?.[roleId]) return false
  const { [roleId]: _role, ...others } = template.Resources
  if (JSON.stringify({ ...template, Resources: others }).includes(`"${roleId}"`)) return false
  delete template.Resources[roleId]
  return true
}
