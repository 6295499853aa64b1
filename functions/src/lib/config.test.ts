import { randomBytes } from 'node:crypto'
import { readConfig, type Secrets } from './config'

const secrets: Secrets = { SESSION_SECRET: 'x'.repeat(32), PII_KEY: randomBytes(32).toString('base64'), WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's' }
const deployed = { STAGE: 'prod', TABLE_NAME: 't', SECRETS_PATH: '/siyu/prod', WECHAT_API_BASE: 'https://api.weixin.qq.com' }
const local = { ...deployed, SIYU_LOCAL_STACK: '1', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', ...secrets }

describe('configuration', () => {
  it('reads a deployed environment with the secrets loaded from SSM', () => {
    expect(readConfig(deployed, secrets)).toMatchObject({ stage: 'prod', tableName: 't', localStack: false, dynamoEndpoint: undefined, sessionTtlSeconds: 7200 })
  })

  it('reads the local stack environment, secrets included', () => {
    expect(readConfig(local)).toMatchObject({ localStack: true, dynamoEndpoint: 'http://127.0.0.1:8000', wechat: { appId: 'wx1' } })
  })

  it.each([
    ['a missing session secret', { SESSION_SECRET: '' }, /SESSION_SECRET/],
    ['a short session secret', { SESSION_SECRET: 'short' }, /at least 32/],
    ['a PII key of the wrong size', { PII_KEY: randomBytes(16).toString('base64') }, /PII_KEY/],
    ['no WeChat app secret', { WECHAT_APP_SECRET: '' }, /WECHAT_APP_SECRET/],
  ])('refuses to run with %s', (_label, patch, message) => {
    expect(() => readConfig(deployed, { ...secrets, ...patch })).toThrow(message)
    expect(() => readConfig({ ...local, ...patch })).toThrow(message)
  })

  it('refuses a deployed function whose secrets were not loaded', () => {
    expect(() => readConfig(deployed)).toThrow(/not loaded/)
  })

  // A template that carries secrets (even empty ones) is refused, not half-used.
  it.each([
    ['the plain secrets', secrets],
    ['an empty plain secret', { SESSION_SECRET: '' }],
  ])('refuses a deployed function given %s in its environment', (_label, patch) => {
    expect(() => readConfig({ ...deployed, ...patch }, secrets)).toThrow(/must not be environment variables outside the local stack/)
  })

  it.each(['true', 'yes', '0', ''])('treats SIYU_LOCAL_STACK=%j as not the local stack', (flag) => {
    expect(() => readConfig({ ...local, SIYU_LOCAL_STACK: flag })).toThrow(/must not be environment variables/)
  })

  it('accepts the local-stack flag only together with DynamoDB Local', () => {
    expect(() => readConfig({ ...local, DYNAMODB_ENDPOINT: '' })).toThrow(/DYNAMODB_ENDPOINT/)
  })
})
