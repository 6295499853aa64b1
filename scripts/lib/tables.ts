import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  CreateTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb'
import { parseDocument, type Tags } from 'yaml'

const SERVERLESS_YML = resolve(__dirname, '../../serverless.yml')

// CloudFormation short-form tags: kept as plain values; table properties never need them resolved.
const cfnTags: Tags = ['Ref', 'GetAtt', 'Join', 'Sub', 'If', 'Equals', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Not', 'And', 'Or', 'Base64', 'GetAZs', 'Condition'].flatMap(
  (name) => (['scalar', 'seq', 'map'] as const).map((nodeClass) => ({ tag: `!${name}`, nodeClass, resolve: (v: unknown) => ({ [name]: v }) }) as never),
)

interface TableResource {
  logicalId: string
  properties: Record<string, any>
}

/** The DynamoDB tables declared in serverless.yml `resources:`, so local tables cannot drift from AWS. */
export function tableResources(file = SERVERLESS_YML): TableResource[] {
  const doc = parseDocument(readFileSync(file, 'utf8'), { customTags: cfnTags }).toJS() as any
  return Object.entries<any>(doc.resources?.Resources ?? {})
    .filter(([, r]) => r.Type === 'AWS::DynamoDB::Table')
    .map(([logicalId, r]) => ({ logicalId, properties: r.Properties }))
}

function toCreateTable(p: Record<string, any>, tableName: string, streams: boolean): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: p.AttributeDefinitions,
    KeySchema: p.KeySchema,
    BillingMode: p.BillingMode ?? 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: p.GlobalSecondaryIndexes,
    LocalSecondaryIndexes: p.LocalSecondaryIndexes,
    ...(p.StreamSpecification && streams ? { StreamSpecification: { StreamEnabled: true, StreamViewType: p.StreamSpecification.StreamViewType } } : {}),
  }
}

/**
 * Creates every table of serverless.yml on `endpoint`. `nameFor` maps a logical id to the
 * table name (a stage name locally; a unique name per test file in tests).
 */
export async function createTables(endpoint: string, nameFor: (logicalId: string) => string, opts: { streams?: boolean } = {}): Promise<string[]> {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
  try {
    const names: string[] = []
    for (const { logicalId, properties } of tableResources()) {
      const name = nameFor(logicalId)
      await client.send(new CreateTableCommand(toCreateTable(properties, name, opts.streams ?? true)))
      await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: name })
      const ttl = properties.TimeToLiveSpecification
      if (ttl?.Enabled) {
        await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true } }))
      }
      names.push(name)
    }
    return names
  } finally {
    client.destroy()
  }
}
