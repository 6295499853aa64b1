import { basename } from 'node:path'
import { secretParameterNames, secretsPathFor } from '../../functions/src/lib/config'
import { parameterArn } from '../serverless/deployable'
import { tableActionsOf } from './table-actions'

type Json = any // CloudFormation fragments

export interface FunctionGrant {
  fn: string
  granted: string[]
  derived: string[]
}

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const statementsOf = (role: Json): Json[] => asList<Json>(role?.Properties?.Policies).flatMap((p) => asList<Json>(p.PolicyDocument?.Statement))

/** The serverless function name of a packaged Lambda: its artefact is `<name>.zip`. */
const functionNameOf = (lambda: Json): string => basename(String(lambda.Properties?.Code?.S3Key ?? ''), '.zip')

const STREAM_READ = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']

/** A statement granting only the stream-read actions, on the table's stream alone. */
const isStreamReadGrant = (s: Json): boolean =>
  JSON.stringify(asList(s.Resource)) === JSON.stringify([{ 'Fn::GetAtt': ['Table', 'StreamArn'] }]) &&
  asList<string>(s.Action).every((a) => STREAM_READ.includes(a))

/** The role's grants that concern the table and the secrets, and what is wrong with them. */
function inspectRole(fn: string, role: Json, stage: string): { granted: string[]; problems: string[] } {
  const problems: string[] = []
  const granted = new Set<string>()
  const expectedParams = JSON.stringify(secretParameterNames(secretsPathFor(stage)).map(parameterArn))
  let readsSecrets = false
  for (const s of statementsOf(role).filter((st) => st.Effect === 'Allow')) {
    // The Framework's grant for a stream event: Lambda's event source mapping reads the stream, not the code.
    if (isStreamReadGrant(s)) continue
    for (const action of asList<string>(s.Action)) {
      if (action === '*' || action.endsWith(':*')) problems.push(`${fn}: its role allows the wildcard ${action}`)
      else if (action.startsWith('dynamodb:')) granted.add(action.slice('dynamodb:'.length))
      else if (action.startsWith('ssm:')) {
        if (action !== 'ssm:GetParameters') problems.push(`${fn}: its role allows ${action}; it needs only ssm:GetParameters`)
        else if (JSON.stringify(asList(s.Resource)) !== expectedParams) problems.push(`${fn}: ssm:GetParameters is not limited to the ${stage} stage's secret parameters`)
        else readsSecrets = true
      }
    }
  }
  if (!readsSecrets) problems.push(`${fn}: its role cannot read the stage's secret parameters (ssm:GetParameters)`)
  return { granted: [...granted].sort(), problems }
}

/**
 * Compares each packaged function's own role with the DynamoDB actions its bundle uses, and
 * names every missing or unneeded action. `bundleOf(fn)` returns the JavaScript of a function's zip.
 */
export function checkRoles(template: Json, stage: string, bundleOf: (fn: string) => string): { grants: FunctionGrant[]; problems: string[] } {
  const resources: Record<string, Json> = template.Resources ?? {}
  const lambdas = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function')
  const roleUsers = new Map<string, string[]>()
  const problems: string[] = []
  const grants: FunctionGrant[] = []
  for (const lambda of lambdas) {
    const fn = functionNameOf(lambda)
    const roleId: string = lambda.Properties?.Role?.['Fn::GetAtt']?.[0]
    roleUsers.set(roleId, [...(roleUsers.get(roleId) ?? []), fn])
    if (!resources[roleId]) {
      problems.push(`${fn}: no role of its own in the template (role ${JSON.stringify(lambda.Properties?.Role)})`)
      continue
    }
    const { granted, problems: roleProblems } = inspectRole(fn, resources[roleId], stage)
    const { actions: derived, problems: codeProblems } = tableActionsOf(bundleOf(fn))
    problems.push(...roleProblems, ...codeProblems.map((p) => `${fn}: ${p}`))
    for (const a of derived.filter((d) => !granted.includes(d))) problems.push(`${fn}: missing dynamodb:${a} (add ${a} to its tableActions in serverless.yml)`)
    for (const a of granted.filter((g) => !derived.includes(g as never))) problems.push(`${fn}: unneeded dynamodb:${a} (its bundle never uses it: drop it from tableActions)`)
    grants.push({ fn, granted, derived })
  }
  for (const [roleId, fns] of roleUsers) if (fns.length > 1) problems.push(`role ${roleId} is shared by ${fns.join(', ')}: each function needs its own`)
  return { grants, problems }
}
