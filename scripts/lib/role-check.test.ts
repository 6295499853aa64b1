import { deflateRawSync } from 'node:zlib'
import { roleStatements } from '../serverless/deployable'
import { checkRoles } from './role-check'
import { readZip } from './zip'

/** A zip archive as serverless packs one (deflated) or `zip -0` stores one; CRCs are not checked by the reader. */
function zipOf(files: Record<string, string>, method: 0 | 8 = 8): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const data = method === 8 ? deflateRawSync(Buffer.from(text)) : Buffer.from(text)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(text.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(text.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, Buffer.from(name), data)
    centrals.push(central, Buffer.from(name))
    offset += 30 + name.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

describe('reading a Lambda zip', () => {
  it.each([[8], [0]] as const)('reads every file (compression method %d)', (method) => {
    const files = readZip(zipOf({ 'functions/src/a.js': 'new d.GetCommand(x)', 'functions/src/a.js.map': '{"sources":[]}' }, method))
    expect(Object.fromEntries([...files].map(([n, d]) => [n, d.toString()]))).toEqual({ 'functions/src/a.js': 'new d.GetCommand(x)', 'functions/src/a.js.map': '{"sources":[]}' })
  })

  it('refuses what is not a zip', () => {
    expect(() => readZip(Buffer.from('not a zip'))).toThrow(/not a zip/)
  })
})

/** A packaged template of Lambda functions, each with a role made from `tableActions` as the guard makes it. */
function templateOf(fns: Record<string, { actions: string[]; role?: string }>) {
  const Resources: Record<string, any> = {}
  for (const [fn, { actions, role = `${fn}Role` }] of Object.entries(fns)) {
    Resources[`${fn}LambdaFunction`] = { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: `serverless/siyu/prod/1/${fn}.zip` }, Role: { 'Fn::GetAtt': [role, 'Arn'] } } }
    Resources[role] ??= { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyDocument: { Statement: roleStatements(actions, 'prod') } }] } }
  }
  return { Resources }
}

describe('checking each role against its bundle', () => {
  const bundles: Record<string, string> = {
    getMe: 'new d.GetCommand(k)',
    claim: 'new d.QueryCommand(q);new d.TransactWriteCommand({TransactItems:[{Put:p},{Update:u}]})',
  }
  const bundleOf = (fn: string) => bundles[fn]

  it('passes roles that grant exactly what the bundles use', () => {
    const { problems, grants } = checkRoles(templateOf({ getMe: { actions: ['GetItem'] }, claim: { actions: ['Query', 'PutItem', 'UpdateItem'] } }), 'prod', bundleOf)
    expect(problems).toEqual([])
    expect(grants).toEqual([
      { fn: 'getMe', granted: ['GetItem'], derived: ['GetItem'] },
      { fn: 'claim', granted: ['PutItem', 'Query', 'UpdateItem'], derived: ['PutItem', 'Query', 'UpdateItem'] },
    ])
  })

  it('names the function and each missing or unneeded action', () => {
    const { problems } = checkRoles(templateOf({ getMe: { actions: ['GetItem', 'Scan', 'DeleteItem'] }, claim: { actions: ['Query'] } }), 'prod', bundleOf)
    expect(problems).toEqual([
      'getMe: unneeded dynamodb:DeleteItem (its bundle never uses it: drop it from tableActions)',
      'getMe: unneeded dynamodb:Scan (its bundle never uses it: drop it from tableActions)',
      'claim: missing dynamodb:PutItem (add PutItem to its tableActions in serverless.yml)',
      'claim: missing dynamodb:UpdateItem (add UpdateItem to its tableActions in serverless.yml)',
    ])
  })

  it('refuses a role shared by several functions, and wildcards', () => {
    const template = templateOf({ getMe: { actions: ['GetItem'], role: 'Shared' }, claim: { actions: ['Query', 'PutItem', 'UpdateItem'], role: 'Shared' } })
    template.Resources.Shared.Properties.Policies[0].PolicyDocument.Statement.push({ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' })
    expect(checkRoles(template, 'prod', bundleOf).problems).toEqual(expect.arrayContaining([
      'getMe: its role allows the wildcard dynamodb:*',
      'role Shared is shared by getMe, claim: each function needs its own',
    ]))
  })

  it('leaves the stream event’s read grant to the event source, but not table actions on the stream', () => {
    const template = templateOf({ getMe: { actions: ['GetItem'] } })
    const statements = template.Resources.getMeRole.Properties.Policies[0].PolicyDocument.Statement
    const stream = [{ 'Fn::GetAtt': ['Table', 'StreamArn'] }]
    statements.push({ Effect: 'Allow', Action: ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'], Resource: stream })
    expect(checkRoles(template, 'prod', bundleOf).problems).toEqual([])
    statements.push({ Effect: 'Allow', Action: ['dynamodb:GetRecords', 'dynamodb:PutItem'], Resource: stream })
    expect(checkRoles(template, 'prod', bundleOf).problems).toEqual([
      'getMe: unneeded dynamodb:GetRecords (its bundle never uses it: drop it from tableActions)',
      'getMe: unneeded dynamodb:PutItem (its bundle never uses it: drop it from tableActions)',
    ])
  })

  it("refuses a role that reads another stage's secrets, or none", () => {
    const other = templateOf({ getMe: { actions: ['GetItem'] } })
    other.Resources.getMeRole.Properties.Policies[0].PolicyDocument.Statement = roleStatements(['GetItem'], 'staging')
    expect(checkRoles(other, 'prod', bundleOf).problems).toEqual(["getMe: ssm:GetParameters is not limited to the prod stage's secret parameters", "getMe: its role cannot read the stage's secret parameters (ssm:GetParameters)"])
    const none = templateOf({ getMe: { actions: ['GetItem'] } })
    none.Resources.getMeRole.Properties.Policies[0].PolicyDocument.Statement = roleStatements(['GetItem'], 'prod').slice(0, 1)
    expect(checkRoles(none, 'prod', bundleOf).problems).toEqual(["getMe: its role cannot read the stage's secret parameters (ssm:GetParameters)"])
  })
})
