export * from './program-rules'
export * from './phone'
export * from './business-day'
export * from './points-expiry'
