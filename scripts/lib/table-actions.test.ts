import { tableActionsOf } from './table-actions'

// Fixtures shaped like esbuild's output: the SDK is external, so its names stay as property accesses.
const minified = (body: string) => `"use strict";var d=require("@aws-sdk/lib-dynamodb"),c=require("@aws-sdk/client-dynamodb");${body}`

describe('deriving the DynamoDB actions of a bundle', () => {
  it.each([
    ['a consistent read', 'await t.send(new d.GetCommand({TableName:n,Key:k,ConsistentRead:!0}))', ['GetItem']],
    ['a query and a batch read', 'new d.QueryCommand(q);new d.BatchGetCommand(b)', ['BatchGetItem', 'Query']],
    ['a paginated scan', '(0,d.paginateScan)({client:t},{TableName:n})', ['Scan']],
    ['put, update, delete and batch write', 'new d.PutCommand(p);new d.UpdateCommand(u);new d.DeleteCommand(x);new d.BatchWriteCommand(w)', ['BatchWriteItem', 'DeleteItem', 'PutItem', 'UpdateItem']],
    ['low-level client commands', 'new c.GetItemCommand(a);new c.QueryCommand(b)', ['GetItem', 'Query']],
    ['a transactional read, authorised as GetItem', 'new d.TransactGetCommand({TransactItems:[{Get:{TableName:n,Key:k}}]})', ['GetItem']],
    ['no table at all', 'exports.handler=async()=>({statusCode:200})', []],
  ])('%s', (_label, body, actions) => {
    expect(tableActionsOf(minified(body))).toEqual({ actions, problems: [] })
  })

  it('authorises a transaction by the item operations of its parts, never a TransactWriteItems action', () => {
    const code = minified('new d.TransactWriteCommand({TransactItems:[{Put:{TableName:n,Item:i,ConditionExpression:"attribute_not_exists(pk)"}},{ConditionCheck:{TableName:n,Key:k,ConditionExpression:e}}]})')
    expect(tableActionsOf(code)).toEqual({ actions: ['ConditionCheckItem', 'PutItem'], problems: [] })
  })

  it('reads transaction parts written out by hand (unminified, quoted keys)', () => {
    const code = `import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
      const parts = [
        { Update: { TableName, Key, UpdateExpression } },
        { "Delete": { TableName, Key } },
      ]
      await db.send(new TransactWriteCommand({ TransactItems: parts }))`
    expect(tableActionsOf(code).actions).toEqual(['DeleteItem', 'UpdateItem'])
  })

  it('does not take a part key for a member access or a longer name', () => {
    const code = minified('new d.TransactWriteCommand({TransactItems:[{Update:u}]});x.Put;o={PutRequest:1,ConditionCheckFailed:2}')
    expect(tableActionsOf(code).actions).toEqual(['UpdateItem'])
  })

  it('reports a transaction whose parts cannot be read, and DynamoDB operations it cannot map', () => {
    expect(tableActionsOf(minified('new d.TransactWriteCommand({TransactItems:p})')).problems).toEqual([
      'sends TransactWriteItems but builds no Put/Update/Delete/ConditionCheck part that can be read',
    ])
    expect(tableActionsOf(minified('new d.ExecuteStatementCommand({Statement:s})')).problems).toEqual([
      'uses ExecuteStatementCommand, which scripts/lib/table-actions.ts does not map to IAM actions',
    ])
  })

  it('ignores commands of other AWS clients, and longer names that merely contain a command', () => {
    const code = minified('var s=require("@aws-sdk/client-ssm");new s.GetParametersCommand(p);new d.BatchGetCommand(b)')
    expect(tableActionsOf(code)).toEqual({ actions: ['BatchGetItem'], problems: [] })
  })
})
