import { createDb } from '../functions/src/lib/db'
import { reconcile } from '../functions/src/ledger/reconcile'

/**
 * `npm run reconcile`: the ledger reconciliation against the running local stack's table.
 * Prints the report as one JSON line; exits 1 if any account drifts, 2 if it cannot run.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

async function main() {
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`
  const tableName = process.env.TABLE_NAME ?? 'siyu-local'
  const db = createDb({ endpoint, region: 'local' })
  try {
    const report = await reconcile({ db, name: tableName })
    console.log(JSON.stringify({ level: report.drifts.length ? 'ERROR' : 'INFO', message: report.drifts.length ? 'ledger drift found' : 'ledger reconciled', table: tableName, ...report }))
    process.exitCode = report.drifts.length ? 1 : 0
  } finally {
    db.destroy()
  }
}

main().catch((err: Error) => {
  console.error(`reconcile could not run against ${process.env.TABLE_NAME ?? 'siyu-local'}: ${err.message}\nIs \`npm start\` running? (DYNAMODB_PORT/DYNAMODB_ENDPOINT and TABLE_NAME choose another table.)`)
  process.exit(2)
})
