import { buildOpenApi } from '@siyu/shared/api/openapi'
import { httpRoute } from '../../lib/http'

let doc: ReturnType<typeof buildOpenApi> | undefined

/** Generated from the shared zod contract on first request, then kept for the container's life. */
export const handler = httpRoute('getOpenApi', async () => (doc ??= buildOpenApi({ version: '0.1.0' })))
