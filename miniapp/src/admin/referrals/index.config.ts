export default definePageConfig({ navigationBarTitleText: '邀请审核', onReachBottomDistance: 120 })
