export default definePageConfig({ navigationBarTitleText: '欠扣', onReachBottomDistance: 120 })
