import { SSMClient } from '@aws-sdk/client-ssm'
import { isLocalStack, readConfig, type Config, type Secrets } from './config'
import { createDb, type Table } from './db'
import { ConfigError } from './errors'
import { randomIds, systemClock, type Clock, type IdSource } from './ids'
import { loadSecrets, type SsmClientLike } from './secrets'

/** What handlers hand to domain functions. Built once per Lambda container, from configuration. */
export interface Deps {
  config: Config
  table: Table
  clock: Clock
  ids: IdSource
}

let cached: Deps | undefined
let secrets: Secrets | undefined
let loading: Promise<Secrets> | undefined
let ssmClient: SsmClientLike | undefined

/** Tests hand in a stand-in for SSM Parameter Store (AWS cannot be reached from them). */
export function useSsmClient(client: SsmClientLike): void {
  ssmClient = client
}

/**
 * The deps for an entry point (httpRoute, scheduled handlers): outside the local stack, the first
 * call of a container reads the secrets from SSM Parameter Store (`SECRETS_PATH`). Concurrent
 * calls share one read; a failed read is not kept, so the next invocation tries again (and fails
 * closed until the parameters are right).
 */
export async function loadDeps(): Promise<Deps> {
  if (!cached && !secrets && !isLocalStack()) {
    const path = process.env.SECRETS_PATH
    if (!path) throw new ConfigError('SECRETS_PATH is not configured')
    loading ??= loadSecrets((ssmClient ??= new SSMClient({})), path).finally(() => (loading = undefined))
    secrets = await loading
  }
  return getDeps()
}

/** The container's deps; synchronous for its many callers, once an entry point has awaited loadDeps(). */
export function getDeps(): Deps {
  if (cached) return cached
  const config = readConfig(process.env, secrets)
  const table = { db: createDb({ endpoint: config.dynamoEndpoint, region: config.region }), name: config.tableName }
  cached = {
    config,
    table,
    clock: systemClock,
    ids: randomIds,
  }
  return cached
}

/** Tests replace the clock or ids of the container-wide deps. */
export function overrideDeps(patch: Partial<Deps>): void {
  cached = { ...getDeps(), ...patch }
}

export function resetDeps(): void {
  cached = undefined
  secrets = undefined
}
