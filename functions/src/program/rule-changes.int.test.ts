import { randomUUID } from 'node:crypto'
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { addDays } from '@siyu/shared/rules/checkin'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { call, tableSnapshot, useIntegrationEnv, type CallResult } from '../../../test/integration'
import { consolePeople, NOT_ADMINS, type Login, type Who } from '../audit/test-fixtures'
import { getDeps } from '../lib/deps'
import { applyDueChanges } from './apply-changes'
import { getHandler as getAdminProgram, putHandler as putAdminProgram } from './handlers/admin-program'
import { handler as getProgram } from './handlers/get-program'
import { cancelHandler, listHandler, scheduleHandler } from './handlers/scheduled-changes'
import { handler as versionsHandler } from './handlers/versions'

useIntegrationEnv()

let people: Record<Who, Login>
beforeAll(async () => {
  people = await consolePeople()
})

const today = () => shanghaiDate(new Date())
/** 00:30 in Shanghai on a date: what the hourly job's clock says just after the date begins. */
const shanghaiHalfPastMidnight = (date: string) => new Date(`${date}T00:30:00+08:00`)
const runJob = (date: string) => applyDueChanges({ table: getDeps().table, clock: () => shanghaiHalfPastMidnight(date) })

async function current(): Promise<ProgramRules> {
  return (await call(getAdminProgram, { token: people.admin.token })).body
}

async function publish(edit: (r: ProgramRules) => void): Promise<ProgramRules> {
  const r = await current()
  edit(r)
  const { version, ...rules } = r
  const res = await call(putAdminProgram, { method: 'PUT', token: people.admin.token, body: { baseVersion: version, rules } })
  expect(res.status).toBe(200)
  return res.body
}

const schedule = (body: Record<string, unknown>, key: string | null = `k-${randomUUID()}`, token = people.admin.token) =>
  call(scheduleHandler, { token, body, headers: key ? { 'idempotency-key': key } : {} })
const auditOf = (items: Record<string, unknown>[], action: string) => items.filter((i) => String(i.pk).startsWith('AUDIT#') && i.action === action)

describe('rules versions with history', () => {
  it('lists published versions newest first with who and what changed, paged by a tamper-proof cursor', async () => {
    expect((await call(versionsHandler, { token: people.admin.token })).body).toEqual({ items: [], nextCursor: null })
    await publish((r) => (r.earning.pointsPerYuan = 2))
    await publish((r) => (r.tiers[1].thresholdFen = 80_000))
    await publish((r) => (r.points.expiryMonths = 6))

    const first = await call(versionsHandler, { token: people.admin.token, query: { limit: '2' } })
    expect(first.status).toBe(200)
    const admin = { id: people.admin.memberId, name: '品牌管理员', phone: null }
    expect(first.body.items).toEqual([
      { version: 4, publishedAt: expect.any(String), publishedBy: admin, scheduledChangeId: null, changes: [{ path: 'points.expiryMonths', label: '积分规则 › 有效期', before: '12 个月', after: '6 个月' }] },
      { version: 3, publishedAt: expect.any(String), publishedBy: admin, scheduledChangeId: null, changes: [{ path: 'tiers[1].thresholdFen', label: '等级 › 银卡会员 › 门槛', before: '¥1,000.00', after: '¥800.00' }] },
    ])
    const second = await call(versionsHandler, { token: people.admin.token, query: { limit: '2', cursor: first.body.nextCursor } })
    // Version 2 against the built-in defaults (version 1 was never stored).
    expect(second.body).toEqual({ items: [expect.objectContaining({ version: 2, changes: [expect.objectContaining({ path: 'earning.pointsPerYuan', before: '1 积分', after: '2 积分' })] })], nextCursor: null })
    const forged = Buffer.from(JSON.stringify({ q: 'x', p: { v: 3 } })).toString('base64url')
    expect(await call(versionsHandler, { token: people.admin.token, query: { cursor: forged } })).toMatchObject({ status: 400, body: { error: { code: 'request.invalid' } } })
  })
})

describe('scheduled rule changes', () => {
  const notice = '自下月起每消费 1 元积 3 分，感谢支持'

  it('refuses a stale base (409), too short a notice (422), invalid sections (400 with paths) and a missing key, writing nothing', async () => {
    const base = (await current()).version
    const before = await tableSnapshot()
    const ok = { baseVersion: base, effectiveOn: addDays(today(), 30), notice, sections: { earning: { pointsPerYuan: 3 } } }
    expect(await schedule({ ...ok, baseVersion: base - 1 })).toMatchObject({ status: 409, body: { error: { code: 'rules.version_conflict' } } })
    const short = await schedule({ ...ok, effectiveOn: addDays(today(), 29) })
    expect(short).toMatchObject({ status: 422, body: { error: { code: 'rules.notice_too_short', details: { earliest: addDays(today(), 30), noticeDays: 30 } } } })
    expect(short.body.error.message).toContain('至少提前 30 天通知会员')
    const invalid = await schedule({ ...ok, sections: { earning: { pointsPerYuan: -1 }, tiers: [{ code: 'base', name: '普通', thresholdFen: 100 }] } })
    expect(invalid.status).toBe(400)
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.sections.earning.pointsPerYuan', 'body.sections.tiers']))
    expect(await schedule({ ...ok, sections: { lifecycle: { silentAfterDays: 10 } } })).toMatchObject({ status: 400, body: { error: { code: 'request.invalid' } } })
    expect(await schedule({ ...ok, sections: {} })).toMatchObject({ status: 400 })
    expect(await schedule(ok, null)).toMatchObject({ status: 400, body: { error: { code: 'idempotency.key_required' } } })
    expect(await tableSnapshot()).toEqual(before)
  })

  let scheduledId: string
  let effectiveOn: string

  it('schedules a change with the notice members see; a replay answers the same change; one change per date', async () => {
    effectiveOn = addDays(today(), 30)
    const body = { baseVersion: (await current()).version, effectiveOn, notice, sections: { earning: { pointsPerYuan: 3 } } }
    const key = `k-${randomUUID()}`
    const res = await schedule(body, key)
    expect(res).toMatchObject({
      status: 201,
      body: {
        status: 'scheduled', effectiveOn, notice, appliedVersion: null, failure: null, createdBy: { id: people.admin.memberId, name: '品牌管理员' },
        changes: [{ path: 'earning.pointsPerYuan', label: '积分规则 › 每消费 1 元积分', before: '2 积分', after: '3 积分' }],
      },
    })
    scheduledId = res.body.id
    expect(scheduledId).toMatch(/^rc_/)
    const afterFirst = await tableSnapshot()
    expect(auditOf(afterFirst, 'rules.schedule')).toEqual([expect.objectContaining({ actorId: people.admin.memberId, detail: `${effectiveOn} 生效：积分规则 › 每消费 1 元积分：2 积分 → 3 积分` })])

    expect(await schedule(body, key)).toMatchObject({ status: 201, body: { id: scheduledId } })
    expect(await tableSnapshot()).toEqual(afterFirst)
    expect(await schedule({ ...body, notice: `${notice}！` }, key)).toMatchObject({ status: 409, body: { error: { code: 'idempotency.mismatch' } } })
    expect(await schedule({ ...body, sections: { points: { expiryMonths: 3 } } })).toMatchObject({ status: 409, body: { error: { code: 'rules.change_date_taken' } } })
    expect(await tableSnapshot()).toEqual(afterFirst)

    const program = await call(getProgram)
    expect(program.body.notices).toEqual([{ id: scheduledId, effectiveOn, notice, changes: res.body.changes }])
    expect(program.body.earning.pointsPerYuan).toBe(2)
    expect((await call(listHandler, { token: people.admin.token })).body.items).toEqual([res.body])
  })

  it('the job applies it at its date, once, as the next version by its author; before the date it applies nothing', async () => {
    const before = await tableSnapshot()
    expect(await runJob(addDays(effectiveOn, -1))).toEqual({ examined: 0, applied: [], failed: [] })
    expect(await tableSnapshot()).toEqual(before)

    const base = await current()
    expect(await runJob(effectiveOn)).toEqual({ examined: 1, applied: [scheduledId], failed: [] })
    const applied = await current()
    expect(applied).toEqual({ ...base, version: base.version + 1, earning: { pointsPerYuan: 3 } })
    const [latest] = (await call(versionsHandler, { token: people.admin.token, query: { limit: '1' } })).body.items
    expect(latest).toMatchObject({ version: base.version + 1, scheduledChangeId: scheduledId, publishedBy: { id: people.admin.memberId }, changes: [{ path: 'earning.pointsPerYuan', after: '3 积分' }] })
    const [change] = (await call(listHandler, { token: people.admin.token })).body.items
    expect(change).toMatchObject({ id: scheduledId, status: 'applied', appliedVersion: base.version + 1 })
    expect((await call(getProgram)).body).toMatchObject({ notices: [], earning: { pointsPerYuan: 3 } })
    expect(auditOf(await tableSnapshot(), 'rules.publish').filter((a) => String(a.detail).includes(scheduledId))).toHaveLength(1)

    const afterApply = await tableSnapshot()
    expect(await runJob(effectiveOn)).toEqual({ examined: 0, applied: [], failed: [] })
    expect(await runJob(addDays(effectiveOn, 5))).toEqual({ examined: 0, applied: [], failed: [] })
    expect(await tableSnapshot()).toEqual(afterApply)
  })

  it('merges a change onto the rules current when it applies (a publish since is kept)', async () => {
    const date = addDays(today(), 31)
    const res = await schedule({ baseVersion: (await current()).version, effectiveOn: date, notice: '银卡门槛调整为 600 元，金卡倍率 160%', sections: { tiers: (await current()).tiers.map((t) => (t.code === 'silver' ? { ...t, thresholdFen: 60_000 } : t.code === 'gold' ? { ...t, multiplierPercent: 160 } : t)) } })
    expect(res.body.changes.map((c: { label: string }) => c.label)).toEqual(['等级 › 银卡会员 › 门槛', '等级 › 金卡会员 › 积分倍率'])
    await publish((r) => (r.checkin.basePoints = 12))
    expect(await runJob(date)).toMatchObject({ applied: [res.body.id] })
    const r = await current()
    expect([r.checkin.basePoints, r.tiers[1].thresholdFen, r.tiers[2].multiplierPercent, r.earning.pointsPerYuan]).toEqual([12, 60_000, 160, 3])
  })

  it('cancels a change and withdraws its notice; a cancelled one answers again, an applied one is 409', async () => {
    const date = addDays(today(), 40)
    const res = await schedule({ baseVersion: (await current()).version, effectiveOn: date, notice: '积分有效期调整为 24 个月', sections: { points: { ...(await current()).points, expiryMonths: 24 } } })
    expect((await call(getProgram)).body.notices.map((n: { id: string }) => n.id)).toEqual([res.body.id])
    const cancelled = await call(cancelHandler, { token: people.admin.token, params: { id: res.body.id } })
    expect(cancelled).toMatchObject({ status: 200, body: { id: res.body.id, status: 'cancelled' } })
    expect((await call(getProgram)).body.notices).toEqual([])
    const items = await tableSnapshot()
    expect(auditOf(items, 'rules.cancel')).toEqual([expect.objectContaining({ auditId: `rules.cancel:${res.body.id}`, actorId: people.admin.memberId })])
    expect(await call(cancelHandler, { token: people.admin.token, params: { id: res.body.id } })).toMatchObject({ status: 200, body: { status: 'cancelled' } })
    expect(await tableSnapshot()).toEqual(items)
    expect(await runJob(date)).toEqual({ examined: 0, applied: [], failed: [] })

    // The date is free again.
    const again = await schedule({ baseVersion: (await current()).version, effectiveOn: date, notice: '积分有效期调整为 18 个月', sections: { points: { ...(await current()).points, expiryMonths: 18 } } })
    expect(again.status).toBe(201)
    expect(await call(cancelHandler, { token: people.admin.token, params: { id: scheduledId } })).toMatchObject({ status: 409, body: { error: { code: 'rules.change_not_cancellable' } } })
    expect(await call(cancelHandler, { token: people.admin.token, params: { id: 'rc_0000000000nothere' } })).toMatchObject({ status: 404, body: { error: { code: 'rules.change_not_found' } } })
    expect(await call(cancelHandler, { token: people.admin.token, params: { id: again.body.id } })).toMatchObject({ status: 200 })
  })

  it('marks a change failed, with the reason, when its merged document no longer validates; nothing is published', async () => {
    const date = addDays(today(), 50)
    const res = await schedule({ baseVersion: (await current()).version, effectiveOn: date, notice: '每消费 1 元积 4 分', sections: { earning: { pointsPerYuan: 4 } } })
    // A document that was valid when scheduled and is not any more (as after a schema change).
    const { table } = getDeps()
    await table.db.send(new UpdateCommand({ TableName: table.name, Key: { pk: 'PROGRAM', sk: `SCHEDULED#${res.body.id}` }, UpdateExpression: 'SET sections = :s', ExpressionAttributeValues: { ':s': { earning: { pointsPerYuan: -4 } } } }))
    const version = (await current()).version
    expect(await runJob(date)).toEqual({ examined: 1, applied: [], failed: [res.body.id] })
    expect((await current()).version).toBe(version)
    const failed = (await call(listHandler, { token: people.admin.token })).body.items.find((c: { id: string }) => c.id === res.body.id)
    expect(failed).toMatchObject({ status: 'failed', appliedVersion: null, failure: expect.stringContaining('earning.pointsPerYuan') })
    expect(await runJob(date)).toEqual({ examined: 0, applied: [], failed: [] })
  })
})

describe('authorisation: brand admins only, from the table', () => {
  const routes: [string, (w: Login) => Promise<CallResult>][] = [
    ['list versions', (w) => call(versionsHandler, { token: w.token })],
    ['list scheduled changes', (w) => call(listHandler, { token: w.token })],
    ['schedule a change', async (w) => schedule({ baseVersion: 1, effectiveOn: addDays(today(), 60), notice: '一次不该写入的变更', sections: { earning: { pointsPerYuan: 9 } } }, `k-${randomUUID()}`, w.token)],
    ['cancel a change', (w) => call(cancelHandler, { token: w.token, params: { id: 'rc_0000000000nothere' } })],
    ['publish rules', async (w) => {
      const { version, ...rules } = await current()
      return call(putAdminProgram, { method: 'PUT', token: w.token, body: { baseVersion: version, rules } })
    }],
  ]
  it.each(routes.flatMap(([name, run]) => NOT_ADMINS.map((who) => [name, who, run] as const)))('%s as %s → 403, nothing written', async (_name, who, run) => {
    const before = await tableSnapshot()
    const res = await run(people[who])
    expect(res.status).toBe(403)
    expect(['auth.forbidden', 'staff.disabled']).toContain(res.body.error.code)
    expect(await tableSnapshot()).toEqual(before)
  })
})
