import { randomBytes } from 'node:crypto'
import { readConfig } from './config'

const env = {
  STAGE: 'prod', TABLE_NAME: 't', SESSION_SECRET: 'x'.repeat(32), PII_KEY: randomBytes(32).toString('base64'),
  WECHAT_API_BASE: 'https://api.weixin.qq.com', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's',
}

describe('configuration', () => {
  it('reads a complete environment', () => {
    expect(readConfig(env)).toMatchObject({ stage: 'prod', tableName: 't', dynamoEndpoint: undefined, sessionTtlSeconds: 7200 })
  })

  it.each([
    ['a missing session secret', { SESSION_SECRET: '' }, /SESSION_SECRET/],
    ['a short session secret', { SESSION_SECRET: 'short' }, /at least 32/],
    ['a PII key of the wrong size', { PII_KEY: randomBytes(16).toString('base64') }, /PII_KEY/],
    ['no WeChat app secret', { WECHAT_APP_SECRET: '' }, /WECHAT_APP_SECRET/],
  ])('refuses to run with %s', (_label, patch, message) => {
    expect(() => readConfig({ ...env, ...patch })).toThrow(message)
  })
})
