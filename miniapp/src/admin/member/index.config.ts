export default definePageConfig({ navigationBarTitleText: '会员详情', enablePullDownRefresh: true, onReachBottomDistance: 120 })
