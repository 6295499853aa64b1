/**
 * Every key string of the single table is built here (see docs/data-model.md).
 * pk/sk are the table keys; gsi1pk/gsi1sk feed the one generic secondary index.
 */
export const keys = {
  member: (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'PROFILE' }),
  openidIdentity: (openid: string) => ({ pk: `OPENID#${openid}`, sk: 'IDENTITY' }),
  memberByUnionid: (unionid: string) => ({ gsi1pk: `UNIONID#${unionid}`, gsi1sk: 'MEMBER' }),
  programRules: () => ({ pk: 'PROGRAM', sk: 'RULES' }),
  programRulesVersion: (version: number) => ({ pk: 'PROGRAM', sk: `RULES#${String(version).padStart(6, '0')}` }),
  store: (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'PROFILE' }),
  storesList: () => ({ gsi1pk: 'STORES' }),
} as const
