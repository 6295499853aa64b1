import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

const FILE = resolve(__dirname, '../../.cache/local-secrets.json')

export interface LocalSecrets {
  sessionSecret: string
  piiKey: string
  wechatAppId: string
  wechatAppSecret: string
}

/** Secrets for the local stack: generated once per checkout into .cache/ (git-ignored), never in code. */
export function localSecrets(): LocalSecrets {
  if (existsSync(FILE)) return JSON.parse(readFileSync(FILE, 'utf8')) as LocalSecrets
  const secrets: LocalSecrets = {
    sessionSecret: randomBytes(32).toString('hex'),
    piiKey: randomBytes(32).toString('base64'),
    wechatAppId: 'wx-local-siyu',
    wechatAppSecret: randomBytes(16).toString('hex'),
  }
  mkdirSync(dirname(FILE), { recursive: true })
  writeFileSync(FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return secrets
}
