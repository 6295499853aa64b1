import { GetParametersCommand, type GetParametersCommandOutput } from '@aws-sdk/client-ssm'
import { SECRET_NAMES, SECRET_PARAMETERS, secretParameterNames, type Secrets } from './config'
import { ConfigError } from './errors'

/** The part of the SSM client the loader uses; tests hand in a stand-in. */
export interface SsmClientLike {
  send(command: GetParametersCommand): Promise<GetParametersCommandOutput>
}

/**
 * Reads the stage's secrets from SSM Parameter Store in one GetParameters call (decrypted).
 * A missing, empty or wrongly typed parameter is a ConfigError naming it; so is an SSM failure
 * (no permission, no network), with the SDK error as its cause.
 */
export async function loadSecrets(ssm: SsmClientLike, path: string): Promise<Secrets> {
  if (!/^\/[\w.-]+(\/[\w.-]+)*$/.test(path)) throw new ConfigError(`SECRETS_PATH must be a parameter path like /siyu/prod, got "${path}"`)
  const names = secretParameterNames(path)
  let out: GetParametersCommandOutput
  try {
    out = await ssm.send(new GetParametersCommand({ Names: names, WithDecryption: true }))
  } catch (err) {
    throw new ConfigError(`cannot read the secrets under ${path} from SSM Parameter Store: ${(err as Error).message}`, { cause: err })
  }
  if (out.InvalidParameters?.length) throw new ConfigError(`SSM parameters missing: ${out.InvalidParameters.join(', ')}`)
  const byName = new Map((out.Parameters ?? []).map((p) => [p.Name, p]))
  const entries = SECRET_NAMES.map((secret, i) => {
    const param = byName.get(names[i])
    if (!param?.Value) throw new ConfigError(`SSM parameter ${names[i]} is missing or empty`)
    const types = SECRET_PARAMETERS[secret].secure ? ['SecureString'] : ['SecureString', 'String']
    if (!types.includes(param.Type ?? '')) throw new ConfigError(`SSM parameter ${names[i]} must be a ${types.join(' or ')}, is ${param.Type}`)
    return [secret, param.Value] as const
  })
  return Object.fromEntries(entries) as Secrets
}
