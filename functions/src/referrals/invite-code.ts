import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import { getMember } from '../members/members'
import { newInviteCode } from '../lib/codes'

/** The page a share opens: the newcomers' landing page, carrying the code. */
export const sharePath = (code: string) => `/pages/welcome/index?invite=${code}`

/**
 * The member's invite code, created the first time it is asked for: the code item and the
 * member's field in one transaction, so a member has exactly one code and a code one member.
 */
export async function ensureInviteCode(deps: { table: Table; code?: () => string }, memberId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const member = await getMember(deps.table, memberId)
    if (member.inviteCode) return member.inviteCode
    const code = (deps.code ?? newInviteCode)()
    try {
      await deps.table.db.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: deps.table.name, Item: { ...keys.refCode(code), type: 'refCode', code, memberId }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: {
              TableName: deps.table.name, Key: keys.member(memberId), UpdateExpression: 'SET inviteCode = :code',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(inviteCode)', ExpressionAttributeValues: { ':code': code },
            },
          },
        ],
      }))
      return code
    } catch (err) {
      // A code already taken, or a concurrent request gave the member theirs: look again.
      if ((err as Error).name !== 'TransactionCanceledException') throw err
    }
  }
  throw new Error(`could not give ${memberId} an invite code`)
}

export async function memberOfInviteCode(table: Table, code: string): Promise<string | undefined> {
  const item = await getItem(table, keys.refCode(code))
  return item?.memberId as string | undefined
}
