import { Text, View } from '@tarojs/components'
import './index.scss'

const SECTIONS = [
  {
    title: '我们收集的信息',
    body: '微信身份标识（openid）；您填写的昵称、头像和生日；经您授权后的手机号；您在门店的消费、积分与优惠券记录。',
  },
  {
    title: '使用目的',
    body: '用于提供会员积分、签到、优惠券和会员码等会员服务；仅在您同意时向您发送营销消息或提供个性化推荐。',
  },
  {
    title: '信息保护',
    body: '手机号受保护存储，页面上只显示脱敏号码（如 138****0000）。我们不会出售您的个人信息。',
  },
  {
    title: '您的选择',
    body: '营销消息与个性化推荐为可选项，不选择也不影响使用基本会员服务。',
  },
] as const

/** The short form of the privacy policy shown before a member accepts it. */
export function PolicySummary({ version }: { version?: string }) {
  return (
    <View className='policy-summary'>
      {SECTIONS.map((section) => (
        <View key={section.title} className='policy-summary__section'>
          <Text className='policy-summary__title'>{section.title}</Text>
          <Text className='policy-summary__body'>{section.body}</Text>
        </View>
      ))}
      {version ? <Text className='policy-summary__version consent-version'>隐私政策版本：{version}</Text> : null}
    </View>
  )
}
