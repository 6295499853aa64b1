export default definePageConfig({ navigationBarTitleText: '隐私授权' })
