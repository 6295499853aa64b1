export * from './common'
export * from './members'
export * from './auth'
export * from '../rules/program-rules'
