/**
 * Method and path of every HTTP route, without schemas, so the mini-program can import it
 * at run time without pulling zod into the phone bundle. `contract.ts` adds the schemas.
 */
export const routes = {
  authWechat: { method: 'POST', path: '/v1/auth/wechat' },
  authDev: { method: 'POST', path: '/v1/auth/dev' },
  getMe: { method: 'GET', path: '/v1/me' },
  updateMe: { method: 'PATCH', path: '/v1/me' },
  bindPhone: { method: 'POST', path: '/v1/me/phone' },
  putConsents: { method: 'PUT', path: '/v1/me/consents' },
  getProgram: { method: 'GET', path: '/v1/program' },
  getAdminProgram: { method: 'GET', path: '/v1/admin/program' },
  putAdminProgram: { method: 'PUT', path: '/v1/admin/program' },
  getOpenApi: { method: 'GET', path: '/v1/openapi.json' },
} as const

export type RouteName = keyof typeof routes
export type HttpMethod = (typeof routes)[RouteName]['method']
