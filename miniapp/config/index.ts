import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

const sharedSrc = path.resolve(__dirname, '../../shared/src')
const platform = process.env.TARO_ENV ?? 'weapp'

/**
 * API base URL baked in at build time. On h5 the API is same-origin (the static server proxies
 * /v1/*), so the base is empty; on weapp it comes from SIYU_API_URL.
 */
const apiBase = platform === 'h5' ? '' : (process.env.SIYU_API_URL ?? 'http://127.0.0.1:3000')

/** NutUI is designed at 375 px, the app at 750 px. */
const designWidth = (input?: string | number | { file?: string }) =>
  typeof input === 'object' && input.file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'siyu-miniapp',
    date: '2026-11-25',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: { SIYU_API_BASE: JSON.stringify(apiBase) },
    // `@siyu/shared/<dir>/<file>` deep imports resolve to shared's TypeScript sources.
    alias: {
      '@': path.resolve(__dirname, '../src'),
      '@siyu/shared': sharedSrc,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // Without this the dev build prebundles all of NutUI into one file over the 2 MB limit.
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        // Pages are lazy chunks; Taro splits only initial chunks, so every page chunk would carry
        // its own copy of the Taro components and NutUI. Split shared modules out of async chunks too.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' })
      },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
