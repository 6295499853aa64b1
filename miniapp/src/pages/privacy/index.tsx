import { Button as TaroButton, Text, View } from '@tarojs/components'
import { Button } from '@/components/ui'
import { useRequest } from '@/api'
import { loadProgram } from '@/store/program'
import { policySections } from './policy'
import './index.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/** 隐私政策: readable before login or consent (it only needs the public program rules). */
export default function PrivacyPage() {
  const program = useRequest(loadProgram, [], { silent: true })
  const brand = program.data?.brand.name ?? '本品牌'
  return (
    <View className='page privacy'>
      <View className='privacy__header'>
        <Text className='privacy-title'>{program.data ? `${brand}隐私政策` : '隐私政策'}</Text>
        {program.data ? (
          <Text className='privacy-version'>版本：{program.data.privacy.policyVersion}</Text>
        ) : program.error ? (
          <View className='privacy__version-error'>
            <Text className='muted'>版本信息加载失败</Text>
            <Button className='privacy-retry' size='small' fill='none' onClick={() => void program.reload()}>
              重试
            </Button>
          </View>
        ) : null}
      </View>
      {policySections(brand).map((section) => (
        <View key={section.title} className='privacy__section'>
          <Text className='privacy__heading'>{section.title}</Text>
          {section.paragraphs.map((text) => (
            <Text key={text} className='privacy__paragraph'>
              {text}
            </Text>
          ))}
        </View>
      ))}
      {IS_WEAPP ? (
        <TaroButton className='privacy-contact' openType='contact'>
          联系客服
        </TaroButton>
      ) : null}
    </View>
  )
}
