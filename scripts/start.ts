import { demoMemberOpenids, demoStaff } from './lib/demo-data'
import { startStack } from './lib/stack'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

async function main() {
  const stack = await startStack({
    stage: 'local',
    ports: {
      api: port('PORT', 3000),
      lambda: port('LAMBDA_PORT', 3002),
      dynamodb: port('DYNAMODB_PORT', 8000),
      wechat: port('WECHAT_PORT', 3100),
      h5: port('H5_PORT', 10086),
    },
  })
  console.log(`
Siyu is running (Ctrl-C stops everything):
  Mini-program (H5)   ${stack.h5Url}
  HTTP API            ${stack.apiUrl}      (OpenAPI: ${stack.apiUrl}/v1/openapi.json)
  WeChat stand-in     ${stack.wechatUrl}
  DynamoDB Local      ${stack.dynamodbEndpoint}  (table ${stack.tableName})

Demo identities (log in on the H5 page by openid):
  ${demoStaff.map((s) => `${s.openid} (${s.roles.join(',')}${s.storeId ? `, ${s.storeId}` : ''})`).join('\n  ')}
  ${demoMemberOpenids[0]} … ${demoMemberOpenids[demoMemberOpenids.length - 1]} (members)
`)
}

main().catch((err: Error) => {
  console.error(`\nnpm start failed: ${err.message}`)
  process.exit(1)
})
