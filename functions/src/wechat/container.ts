import type { Deps } from '../lib/deps'
import { createWechatClient, type WechatClient } from './client'

let client: WechatClient | undefined
let builtFor: Deps['table'] | undefined

/**
 * The container's WeChat client, built on first use. It lives here rather than in the generic
 * deps so only the functions that call WeChat bundle it — and only they get the table rights its
 * shared access token needs (each function's role is derived from its bundle).
 */
export function wechatOf(deps: Pick<Deps, 'config' | 'table' | 'clock'>): WechatClient {
  if (!client || builtFor !== deps.table) {
    // The access token is shared by every container through the table (see access-token.ts).
    client = createWechatClient({ ...deps.config.wechat, clock: deps.clock, store: { table: deps.table, sealKey: deps.config.piiKey } })
    builtFor = deps.table
  }
  return client
}

/** Tests point the container at another WeChat (undefined: back to the configured one). */
export function useWechatClient(replacement: WechatClient | undefined, table?: Deps['table']): void {
  client = replacement
  builtFor = replacement ? table : undefined
}
