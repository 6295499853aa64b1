import { ConfigError } from './errors'

export interface Config {
  stage: string
  tableName: string
  dynamoEndpoint?: string
  region: string
  /** Only the local stack (`npm start`, tests) has dev login and takes secrets from plain environment variables. */
  localStack: boolean
  sessionSecret: Uint8Array
  sessionTtlSeconds: number
  piiKey: Buffer
  wechat: { baseUrl: string; appId: string; appSecret: string }
}

/**
 * The secrets, by the environment name the local stack passes them under, and the SSM parameter
 * (under `SECRETS_PATH`, `/siyu/{stage}`) that holds each one everywhere else. `secure`: the
 * parameter must be a SecureString.
 */
export const SECRET_PARAMETERS = {
  SESSION_SECRET: { name: 'session-secret', secure: true },
  PII_KEY: { name: 'pii-key', secure: true },
  WECHAT_APP_ID: { name: 'wechat-app-id', secure: false },
  WECHAT_APP_SECRET: { name: 'wechat-app-secret', secure: true },
} as const

export type SecretName = keyof typeof SECRET_PARAMETERS
export type Secrets = Record<SecretName, string>
export const SECRET_NAMES = Object.keys(SECRET_PARAMETERS) as SecretName[]

/** Where a stage's secrets live in SSM Parameter Store. */
export const secretsPathFor = (stage: string) => `/siyu/${stage}`

/** The full parameter names under a secrets path, in SECRET_NAMES order. */
export const secretParameterNames = (path: string) => SECRET_NAMES.map((name) => `${path}/${SECRET_PARAMETERS[name].name}`)

/** The flag the local stack sets on itself (scripts/lib/stack.ts, test/integration.ts); no deployed function has it. */
export const isLocalStack = (env: NodeJS.ProcessEnv = process.env) => env.SIYU_LOCAL_STACK === '1'

const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const v = env[name]
  if (!v) throw new ConfigError(`${name} is not configured`)
  return v
}

/**
 * Plain secrets are accepted only in the local stack, which always runs on DynamoDB Local; a
 * deployed function takes them only as loaded from SSM, and refuses to start if it is given
 * them in its environment (a template that carries them is a mistake to stop, not to use).
 */
function secretsFrom(env: NodeJS.ProcessEnv, loaded: Secrets | undefined): Secrets {
  if (isLocalStack(env)) {
    if (!env.DYNAMODB_ENDPOINT) throw new ConfigError('SIYU_LOCAL_STACK=1 is accepted only with DYNAMODB_ENDPOINT (DynamoDB Local)')
    return Object.fromEntries(SECRET_NAMES.map((name) => [name, required(env, name)])) as Secrets
  }
  const plain = SECRET_NAMES.filter((name) => env[name] !== undefined)
  if (plain.length) throw new ConfigError(`${plain.join(', ')} must not be environment variables outside the local stack: they are read from SSM Parameter Store (SECRETS_PATH)`)
  if (!loaded) throw new ConfigError('secrets are not loaded: an entry point awaits loadDeps(), which reads them from SSM Parameter Store (SECRETS_PATH)')
  return loaded
}

/** Reads configuration from the environment and the secrets once; secrets never have defaults in code. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, loaded?: Secrets): Config {
  const s = secretsFrom(env, loaded)
  if (!s.SESSION_SECRET) throw new ConfigError('SESSION_SECRET is not configured')
  if (s.SESSION_SECRET.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters')
  const piiKey = Buffer.from(s.PII_KEY ?? '', 'base64')
  if (piiKey.length !== 32) throw new ConfigError('PII_KEY must be 32 bytes, base64-encoded')
  if (!s.WECHAT_APP_ID || !s.WECHAT_APP_SECRET) throw new ConfigError(`${s.WECHAT_APP_ID ? 'WECHAT_APP_SECRET' : 'WECHAT_APP_ID'} is not configured`)
  return {
    stage: required(env, 'STAGE'),
    tableName: required(env, 'TABLE_NAME'),
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || 'ap-east-1',
    localStack: isLocalStack(env),
    sessionSecret: new TextEncoder().encode(s.SESSION_SECRET),
    sessionTtlSeconds: Number(env.SESSION_TTL_SECONDS || 7200),
    piiKey,
    wechat: { baseUrl: required(env, 'WECHAT_API_BASE'), appId: s.WECHAT_APP_ID, appSecret: s.WECHAT_APP_SECRET },
  }
}
