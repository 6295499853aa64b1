import * as clientDynamodb from '@aws-sdk/client-dynamodb'
import * as libDynamodb from '@aws-sdk/lib-dynamodb'
import type { TableAction } from '../serverless/deployable'

/**
 * The DynamoDB actions a Lambda bundle needs, read from its code. The AWS SDK stays outside the
 * bundle, so the names of the commands it sends survive minification (`new o.QueryCommand(…)`).
 * Precision is the bundle: code reachable from the handler file counts, even on another path.
 */

/** SDK operations (document client and low-level client) → the IAM actions that authorise them. */
const OPERATION_ACTIONS: Record<string, TableAction[]> = {
  GetCommand: ['GetItem'],
  GetItemCommand: ['GetItem'],
  PutCommand: ['PutItem'],
  PutItemCommand: ['PutItem'],
  UpdateCommand: ['UpdateItem'],
  UpdateItemCommand: ['UpdateItem'],
  DeleteCommand: ['DeleteItem'],
  DeleteItemCommand: ['DeleteItem'],
  QueryCommand: ['Query'],
  paginateQuery: ['Query'],
  ScanCommand: ['Scan'],
  paginateScan: ['Scan'],
  BatchGetCommand: ['BatchGetItem'],
  BatchGetItemCommand: ['BatchGetItem'],
  paginatedBatchGet: ['BatchGetItem'],
  BatchWriteCommand: ['BatchWriteItem'],
  BatchWriteItemCommand: ['BatchWriteItem'],
  // TransactGetItems is authorised item by item, as GetItem.
  TransactGetCommand: ['GetItem'],
  TransactGetItemsCommand: ['GetItem'],
}

/**
 * TransactWriteItems is no IAM action of its own: IAM authorises each part as the item operation
 * it stands for (see "Using IAM with DynamoDB transactions"). So the bundle's transaction parts
 * decide: every `Put:`, `Update:`, `Delete:` and `ConditionCheck:` key it builds.
 */
const TRANSACT_WRITE = new Set(['TransactWriteCommand', 'TransactWriteItemsCommand'])
const PART_ACTIONS: Record<string, TableAction> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' }
const PART_KEY = /(?:^|[^\w$.])["']?(Put|Update|Delete|ConditionCheck)["']?\s*:/g

/** Every operation either DynamoDB package exports, so a new one the map lacks is reported, never ignored. */
const DYNAMODB_OPERATIONS = new Set(
  [...Object.keys(clientDynamodb), ...Object.keys(libDynamodb)].filter(
    (name) => (/^[A-Z]\w*Command$/.test(name) || /^(paginate|waitFor|waitUntil)[A-Z]/.test(name)) && name !== 'DynamoDBDocumentClientCommand',
  ),
)
const IDENTIFIER = /\b[A-Za-z]\w*\b/g

export interface DerivedActions {
  actions: TableAction[]
  /** DynamoDB operations in the code that this derivation cannot map: fix the map, don't guess. */
  problems: string[]
}

export function tableActionsOf(code: string): DerivedActions {
  const used = new Set([...code.matchAll(IDENTIFIER)].map((m) => m[0]).filter((name) => DYNAMODB_OPERATIONS.has(name)))
  const actions = new Set<TableAction>()
  const problems: string[] = []
  for (const op of used) {
    if (OPERATION_ACTIONS[op]) OPERATION_ACTIONS[op].forEach((a) => actions.add(a))
    else if (!TRANSACT_WRITE.has(op)) problems.push(`uses ${op}, which scripts/lib/table-actions.ts does not map to IAM actions`)
  }
  if ([...used].some((op) => TRANSACT_WRITE.has(op))) {
    const parts = new Set([...code.matchAll(PART_KEY)].map((m) => PART_ACTIONS[m[1]]))
    if (!parts.size) problems.push('sends TransactWriteItems but builds no Put/Update/Delete/ConditionCheck part that can be read')
    parts.forEach((a) => actions.add(a))
  }
  return { actions: [...actions].sort(), problems }
}
