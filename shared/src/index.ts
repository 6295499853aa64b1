export * from './schemas'
export * from './api'
export * from './rules'
