export default definePageConfig({ navigationBarTitleText: '品牌后台 · 概览', enablePullDownRefresh: true })
