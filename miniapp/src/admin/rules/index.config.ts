export default definePageConfig({ navigationBarTitleText: '规则', onReachBottomDistance: 120 })
