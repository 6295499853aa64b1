import { ConfigError } from './errors'

export interface Config {
  stage: string
  tableName: string
  dynamoEndpoint?: string
  region: string
  sessionSecret: Uint8Array
  sessionTtlSeconds: number
  piiKey: Buffer
  wechat: { baseUrl: string; appId: string; appSecret: string }
}

const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const v = env[name]
  if (!v) throw new ConfigError(`${name} is not configured`)
  return v
}

/** Reads configuration from the environment once; secrets never have defaults in code. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const secret = required(env, 'SESSION_SECRET')
  if (secret.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters')
  const piiKey = Buffer.from(required(env, 'PII_KEY'), 'base64')
  if (piiKey.length !== 32) throw new ConfigError('PII_KEY must be 32 bytes, base64-encoded')
  return {
    stage: required(env, 'STAGE'),
    tableName: required(env, 'TABLE_NAME'),
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || 'ap-east-1',
    sessionSecret: new TextEncoder().encode(secret),
    sessionTtlSeconds: Number(env.SESSION_TTL_SECONDS || 7200),
    piiKey,
    wechat: {
      baseUrl: required(env, 'WECHAT_API_BASE'),
      appId: required(env, 'WECHAT_APP_ID'),
      appSecret: required(env, 'WECHAT_APP_SECRET'),
    },
  }
}

/** Stages where development conveniences (dev login) exist. */
export const isDevStage = (stage: string) => stage === 'local' || stage === 'test'
