process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
import { freePort } from '../scripts/lib/processes'
import { startStack } from '../scripts/lib/stack'

/**
 * One local stack (H5 build, serverless-offline, DynamoDB Local with demo data, WeChat stand-in)
 * for the whole browser run; test files read its URLs from the environment.
 */
export default async function setup(): Promise<void> {
  const ports = { api: await freePort(), lambda: await freePort(), dynamodb: await freePort(), wechat: await freePort(), h5: await freePort() }
  const stack = await startStack({ stage: 'test', ports, quiet: true, log: () => {} })
  process.env.SIYU_API_URL = stack.apiUrl
  process.env.SIYU_H5_URL = stack.h5Url
  ;(globalThis as { __siyuStack?: { stop(): Promise<void> } }).__siyuStack = stack
}
