export default definePageConfig({ navigationBarTitleText: '会员', onReachBottomDistance: 120 })
