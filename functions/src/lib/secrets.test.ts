import { randomBytes } from 'node:crypto'
import type { GetParametersCommand, GetParametersCommandOutput, Parameter } from '@aws-sdk/client-ssm'
import { secretParameterNames } from './config'
import { loadSecrets, type SsmClientLike } from './secrets'

const piiKey = randomBytes(32).toString('base64')
const stored: Parameter[] = [
  { Name: '/siyu/prod/session-secret', Type: 'SecureString', Value: 'x'.repeat(40) },
  { Name: '/siyu/prod/pii-key', Type: 'SecureString', Value: piiKey },
  { Name: '/siyu/prod/wechat-app-id', Type: 'String', Value: 'wx123' },
  { Name: '/siyu/prod/wechat-app-secret', Type: 'SecureString', Value: 'app-secret' },
]

/** SSM Parameter Store as GetParameters answers: found parameters, and the names it does not have. */
function fakeSsm(params: Parameter[]): SsmClientLike & { calls: GetParametersCommand['input'][] } {
  const calls: GetParametersCommand['input'][] = []
  return {
    calls,
    async send(command) {
      calls.push(command.input)
      const names = command.input.Names ?? []
      const found = params.filter((p) => names.includes(p.Name!))
      return { Parameters: found, InvalidParameters: names.filter((n) => !found.some((p) => p.Name === n)), $metadata: {} } as GetParametersCommandOutput
    },
  }
}

describe('loading secrets from SSM Parameter Store', () => {
  it('reads the four parameters of the path in one decrypted call', async () => {
    const ssm = fakeSsm(stored)
    await expect(loadSecrets(ssm, '/siyu/prod')).resolves.toEqual({
      SESSION_SECRET: 'x'.repeat(40), PII_KEY: piiKey, WECHAT_APP_ID: 'wx123', WECHAT_APP_SECRET: 'app-secret',
    })
    expect(ssm.calls).toEqual([{ Names: secretParameterNames('/siyu/prod'), WithDecryption: true }])
  })

  it('names every missing parameter', async () => {
    const ssm = fakeSsm(stored.filter((p) => !p.Name!.endsWith('pii-key') && !p.Name!.endsWith('app-id')))
    await expect(loadSecrets(ssm, '/siyu/prod')).rejects.toThrow('SSM parameters missing: /siyu/prod/pii-key, /siyu/prod/wechat-app-id')
  })

  it('reads only its own stage', async () => {
    await expect(loadSecrets(fakeSsm(stored), '/siyu/staging')).rejects.toMatchObject({ name: 'ConfigError', message: expect.stringContaining('/siyu/staging/session-secret') })
  })

  it.each([
    ['a secret stored as a plain String', '/siyu/prod/session-secret', { Type: 'String' }, /session-secret must be a SecureString, is String/],
    ['an empty value', '/siyu/prod/wechat-app-secret', { Value: '' }, /wechat-app-secret is missing or empty/],
    ['an app id stored as a StringList', '/siyu/prod/wechat-app-id', { Type: 'StringList' }, /wechat-app-id must be a SecureString or String/],
  ] as [string, string, Partial<Parameter>, RegExp][])('refuses %s', async (_label, name, patch, message) => {
    const ssm = fakeSsm(stored.map((p) => (p.Name === name ? { ...p, ...patch } : p)))
    await expect(loadSecrets(ssm, '/siyu/prod')).rejects.toThrow(message)
  })

  it('turns an SSM failure into a configuration error that keeps the cause', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: ssm:GetParameters'), { name: 'AccessDeniedException' })
    const err = await loadSecrets({ send: async () => Promise.reject(denied) }, '/siyu/prod').catch((e: Error) => e)
    expect(err).toMatchObject({ name: 'ConfigError', message: expect.stringContaining('ssm:GetParameters'), cause: denied })
  })

  it.each(['', 'siyu/prod', '/siyu/prod/', '/siyu/pr od'])('refuses the path %j', async (path) => {
    await expect(loadSecrets(fakeSsm(stored), path)).rejects.toThrow(/SECRETS_PATH/)
  })
})
