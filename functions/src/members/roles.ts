import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { Role } from '@siyu/shared/schemas/common'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { isConditionFailed } from '../lib/db'
import { keys } from '../lib/keys'
import type { MemberItem } from './member-item'

/**
 * Roles live on the member item; a token carries them until it expires (short-lived), so a
 * change reaches the member at the next login. Staff roles are scoped to one store.
 */
export async function setRoles(
  table: Table,
  memberId: string,
  grant: { roles: Role[]; storeId: string | null },
  at: Date,
): Promise<MemberItem> {
  const roles = Array.from(new Set<Role>(['member', ...grant.roles]))
  try {
    const { Attributes } = await table.db.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.member(memberId),
        UpdateExpression: 'SET #roles = :roles, storeId = :storeId, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#roles': 'roles' },
        ExpressionAttributeValues: { ':roles': roles, ':storeId': grant.storeId, ':now': at.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    )
    return Attributes as MemberItem
  } catch (err) {
    if (isConditionFailed(err)) throw new DomainError('member.not_found', '会员不存在')
    throw err
  }
}
