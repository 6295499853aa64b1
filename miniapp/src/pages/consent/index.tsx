import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { api, ApiError } from '@/api'
import { PolicySummary } from '@/components/policy-summary'
import { Button, Skeleton, Switch } from '@/components/ui'
import { showError, showSuccess } from '@/lib/feedback'
import { goHome, openPolicy } from '@/lib/nav'
import { memberStore } from '@/store/member-store'
import { forgetProgram, useProgram } from '@/store/program'
import './index.scss'

const DECLINED = '需要您同意隐私政策后才能使用会员积分、优惠券等服务。您可以随时回到此页面重新选择。'

export default function ConsentPage() {
  const program = useProgram()
  const [marketing, setMarketing] = useState(false)
  const [personalisation, setPersonalisation] = useState(false)
  const [saving, setSaving] = useState(false)
  const [declined, setDeclined] = useState(false)
  const version = program.data?.privacy.policyVersion

  async function accept() {
    if (!version) return
    setSaving(true)
    try {
      const member = await api.call('putConsents', { body: { privacyPolicyVersion: version, marketing, personalisation } })
      memberStore.set(member)
      showSuccess('已同意')
      goHome()
    } catch (err) {
      showError(err)
      if (err instanceof ApiError && err.code === 'consent.policy_outdated') {
        forgetProgram()
        void program.reload()
      }
    } finally {
      setSaving(false)
    }
  }

  function decline() {
    setDeclined(true)
    void Taro.showModal({ title: '无法继续使用', content: DECLINED, showCancel: false, confirmText: '我知道了' })
  }

  return (
    <View className='page consent'>
      <Text className='consent__lead'>欢迎加入会员。使用前请阅读并同意以下隐私政策摘要。</Text>
      {program.loading ? (
        <View className='card'>
          <Skeleton rows={6} animated />
        </View>
      ) : (
        <PolicySummary version={version} />
      )}
      <Text className='consent-policy-link' onClick={() => openPolicy(program.data?.privacy.policyUrl)}>
        查看完整《隐私政策》
      </Text>
      {program.error ? (
        <Button className='consent-retry' size='small' onClick={() => void program.reload()}>
          隐私政策版本加载失败，点此重试
        </Button>
      ) : null}

      <View className='card consent__choices'>
        <View className='consent__choice'>
          <Text>接收营销消息</Text>
          <Switch className='consent-marketing' checked={marketing} onChange={setMarketing} />
        </View>
        <View className='consent__choice'>
          <Text>个性化推荐</Text>
          <Switch className='consent-personalisation' checked={personalisation} onChange={setPersonalisation} />
        </View>
        <Text className='muted'>以上两项为可选，不影响使用基本会员服务。</Text>
      </View>

      {declined ? <Text className='consent-declined muted'>{DECLINED}</Text> : null}
      <Button className='consent-accept' type='primary' block loading={saving} disabled={!version} onClick={() => void accept()}>
        同意并继续
      </Button>
      <Button className='consent-decline' block fill='none' onClick={decline}>
        不同意
      </Button>
    </View>
  )
}
