/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** API base URL, replaced at build time (config/index.ts `defineConstants`): '' on h5 (same origin). */
declare const SIYU_API_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    /** The platform being built; replaced at build time. */
    TARO_ENV: 'weapp' | 'h5' | undefined
    TARO_APP_ID: string
  }
}
