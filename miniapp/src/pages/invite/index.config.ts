export default definePageConfig({
  navigationBarTitleText: '邀请好友',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
  // The share menu and the 分享给好友 button send the member's invite (useShareAppMessage).
  enableShareAppMessage: true,
})
