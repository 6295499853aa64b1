export * from './routes'
export * from './contract'
export * from './openapi'
