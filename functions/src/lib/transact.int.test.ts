import { randomUUID } from 'node:crypto'
import { useIntegrationEnv, tableSnapshot } from '../../../test/integration'
import { getDeps } from './deps'
import { DomainError } from './errors'
import { commit, transact, TransactionRaced, type Part } from './transact'

useIntegrationEnv()

const putNew = (pk: string, name: string, refusal?: () => DomainError | 'retry'): Part => ({
  name,
  item: { Put: { TableName: getDeps().table.name, Item: { pk, sk: 'T', type: 'transactTest' }, ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: refusal,
})

describe('named transaction parts', () => {
  it.each([
    ['first', (a: Part, b: Part) => [a, b]],
    ['last', (a: Part, b: Part) => [b, a]],
  ])('a failed part reports its own refusal wherever it stands (%s)', async (_where, order) => {
    const { table } = getDeps()
    const taken = `T#${randomUUID()}`
    await commit(table, [putNew(taken, 'setup')])
    const before = await tableSnapshot()
    const refused = putNew(taken, 'taken', () => new DomainError('coupon.not_held', '优惠券锁定已失效，请重新锁定'))
    const fresh = putNew(`T#${randomUUID()}`, 'fresh', () => new DomainError('member.not_found', '会员不存在'))
    await expect(commit(table, order(refused, fresh))).rejects.toMatchObject({ code: 'coupon.not_held' })
    expect(await tableSnapshot()).toEqual(before)
  })

  it("a 'retry' part (or one without a refusal) makes the transaction a lost race, with the failed names", async () => {
    const { table } = getDeps()
    const taken = `T#${randomUUID()}`
    await commit(table, [putNew(taken, 'setup')])
    const err = await commit(table, [putNew(`T#${randomUUID()}`, 'fresh'), putNew(taken, 'account', () => 'retry')]).catch((e) => e)
    expect(err).toBeInstanceOf(TransactionRaced)
    expect([...(err as TransactionRaced).failed]).toEqual(['account'])
    await expect(transact(table, [putNew(taken, 'again')])).resolves.toEqual(new Set(['again']))
  })

  it('refuses two parts of one name before writing anything', async () => {
    const { table } = getDeps()
    const pk = `T#${randomUUID()}`
    await expect(commit(table, [putNew(pk, 'same'), putNew(`T#${randomUUID()}`, 'same')])).rejects.toThrow('transaction part named twice: same')
  })
})
