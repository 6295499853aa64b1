export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/coupons/index',
    'pages/invite/index',
    'pages/profile/index',
    'pages/consent/index',
    'pages/login/index',
    'pages/points/index',
    'pages/privacy/index',
    'pages/checkin/index',
    'pages/member-code/index',
    'pages/coupon-detail/index',
    'pages/tier/index',
    // Where a friend's share lands (?invite=CODE): in the main package, it is the first page a newcomer sees.
    'pages/welcome/index',
  ],
  // Staff pages: a subpackage, so members never download them.
  subPackages: [
    { root: 'staff', pages: ['index/index', 'summary/index', 'audit/index'] },
    // The brand's console: its H5 build is the operators' web console.
    {
      root: 'admin',
      pages: ['index/index', 'members/index', 'member/index', 'rules/index', 'coupons/index', 'stores/index', 'referrals/index', 'debtors/index', 'audit/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '会员中心',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#86909c',
    selectedColor: '#fa2c19',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/coupons/index', text: '优惠券' },
      { pagePath: 'pages/invite/index', text: '邀请' },
      { pagePath: 'pages/profile/index', text: '我的' },
    ],
  },
})
