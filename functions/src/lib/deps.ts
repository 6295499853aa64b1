import { readConfig, type Config } from './config'
import { createDb, type Table } from './db'
import { randomIds, systemClock, type Clock, type IdSource } from './ids'
import { createWechatClient, type WechatClient } from '../wechat/client'

/** What handlers hand to domain functions. Built once per Lambda container, from configuration. */
export interface Deps {
  config: Config
  table: Table
  clock: Clock
  ids: IdSource
  wechat: WechatClient
}

let cached: Deps | undefined

export function getDeps(): Deps {
  if (cached) return cached
  const config = readConfig()
  const table = { db: createDb({ endpoint: config.dynamoEndpoint, region: config.region }), name: config.tableName }
  cached = {
    config,
    table,
    clock: systemClock,
    ids: randomIds,
    // The access token is shared by every container through the table (see wechat/access-token.ts).
    wechat: createWechatClient({ ...config.wechat, clock: systemClock, store: { table, sealKey: config.piiKey } }),
  }
  return cached
}

/** Tests replace the clock or ids of the container-wide deps. */
export function overrideDeps(patch: Partial<Deps>): void {
  cached = { ...getDeps(), ...patch }
}

export function resetDeps(): void {
  cached = undefined
}
