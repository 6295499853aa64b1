import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { useIntegrationEnv } from '../test/integration'
import { getDeps } from '../functions/src/lib/deps'
import { keys } from '../functions/src/lib/keys'
import { earn } from '../functions/src/ledger/operations'

const env = useIntegrationEnv()

/** `npm run reconcile` as a user runs it: one JSON line, exit 0 when clean, 1 on drift. */
function runCli() {
  const out = spawnSync(process.execPath, [resolve(__dirname, '../node_modules/tsx/dist/cli.mjs'), resolve(__dirname, 'reconcile.ts')], {
    env: { ...process.env, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, TABLE_NAME: env.tableName },
    encoding: 'utf8',
  })
  return { status: out.status, report: out.stdout.trim() ? JSON.parse(out.stdout.trim()) : undefined, stderr: out.stderr }
}

it('exits 0 on a clean ledger and 1 with the drift when an account is tampered with', async () => {
  const deps = { table: getDeps().table, clock: () => new Date() }
  await earn(deps, defaultProgramRules(), { memberId: 'm_cli', key: 'cli:1', code: 'checkin', points: 10, ref: 'x' })
  expect(runCli()).toMatchObject({ status: 0, report: { message: 'ledger reconciled', accounts: 1, entries: 1, drifts: [] } })

  await getDeps().table.db.send(new UpdateCommand({ TableName: env.tableName, Key: keys.account('m_cli'), UpdateExpression: 'SET debt = :d', ExpressionAttributeValues: { ':d': 3 } }))
  const drifted = runCli()
  expect(drifted.status).toBe(1)
  expect(drifted.report).toMatchObject({ level: 'ERROR', message: 'ledger drift found', drifts: expect.arrayContaining([{ memberId: 'm_cli', problem: expect.stringMatching(/debt/) }]) })
})

it('exits 2 with a hint when there is no table to read', () => {
  const out = spawnSync(process.execPath, [resolve(__dirname, '../node_modules/tsx/dist/cli.mjs'), resolve(__dirname, 'reconcile.ts')], {
    env: { ...process.env, TABLE_NAME: 'siyu-missing' },
    encoding: 'utf8',
  })
  expect(out.status).toBe(2)
  expect(out.stderr).toContain('Is `npm start` running?')
})
