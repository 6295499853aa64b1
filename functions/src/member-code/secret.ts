import { randomBytes, randomInt } from 'node:crypto'
import { SHORT_ID_DIGITS } from '@siyu/shared/rules/member-code'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { MemberCodeSecret } from '@siyu/shared/schemas/member-code'
import type { Table } from '../lib/db'
import type { Clock } from '../lib/ids'
import { decryptPii, encryptPii } from '../lib/pii'
import { withRetry } from '../lib/retry'
import { commit } from '../lib/transact'
import {
  codeSecretPutNewPart, findCodeSecret, newCodeSecret, replaceCodeSecret, shortIdPutNewPart, type CodeSecretItem,
} from '../entities/member-code'

export { findCodeSecret, memberIdForShortId, type CodeSecretItem } from '../entities/member-code'

export interface CodeSecretDeps {
  table: Table
  clock: Clock
  piiKey: Buffer
  /** Random source for secrets and short ids (tests inject collisions). */
  random?: { secret: () => Buffer; shortId: () => string }
}

const defaultRandom = {
  secret: () => randomBytes(20), // 160 bits, RFC 4226's recommended HMAC-SHA1 key length
  shortId: () => String(randomInt(10 ** (SHORT_ID_DIGITS - 1), 10 ** SHORT_ID_DIGITS)),
}

export const openSecret = (deps: Pick<CodeSecretDeps, 'piiKey'>, item: CodeSecretItem): Buffer => Buffer.from(decryptPii(deps.piiKey, item.secretEnc), 'base64url')

const toView = (deps: CodeSecretDeps, item: CodeSecretItem, rules: ProgramRules): MemberCodeSecret => ({
  shortId: item.shortId,
  secret: openSecret(deps, item).toString('base64url'),
  stepSeconds: rules.memberCode.stepSeconds,
  version: item.version,
})

/**
 * The member's code secret, created on first use (at login): a random short id claimed with
 * `attribute_not_exists` (a collision draws another) and the sealed secret, in one transaction.
 */
export async function ensureCodeSecret(deps: CodeSecretDeps, rules: ProgramRules, memberId: string): Promise<MemberCodeSecret> {
  const random = deps.random ?? defaultRandom
  return withRetry(
    async () => {
      const existing = await findCodeSecret(deps.table, memberId)
      if (existing) return toView(deps, existing, rules)
      const at = deps.clock().toISOString()
      const item = newCodeSecret({ memberId, shortId: random.shortId(), secretEnc: encryptPii(deps.piiKey, random.secret().toString('base64url')), version: 1, updatedAt: at })
      // A taken short id draws another; a secret a concurrent login created is read on the next attempt.
      await commit(deps.table, [shortIdPutNewPart(deps.table, item.shortId, memberId, at), codeSecretPutNewPart(deps.table, item)])
      return toView(deps, item, rules)
    },
    { onGiveUp: async (err) => { throw new Error('could not allocate a member short id', { cause: err }) } },
  )
}

/** A new secret (same short id): codes computed from the old one stop verifying at once. */
export async function rotateCodeSecret(deps: CodeSecretDeps, rules: ProgramRules, memberId: string): Promise<MemberCodeSecret> {
  const current = await findCodeSecret(deps.table, memberId)
  if (!current) return ensureCodeSecret(deps, rules, memberId)
  const random = deps.random ?? defaultRandom
  const next: CodeSecretItem = {
    ...current,
    secretEnc: encryptPii(deps.piiKey, random.secret().toString('base64url')),
    version: current.version + 1,
    updatedAt: deps.clock().toISOString(),
  }
  if (await replaceCodeSecret(deps.table, current, next)) return toView(deps, next, rules)
  // Rotated concurrently (two taps): the other rotation's secret is the member's now.
  return toView(deps, (await findCodeSecret(deps.table, memberId))!, rules)
}
