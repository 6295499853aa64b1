import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { api } from '@/api'
import { Switch } from '@/components/ui'
import { showError, showSuccess } from '@/lib/feedback'
import { memberStore, type Member } from '@/store/member-store'

type OptIn = 'marketing' | 'personalisation'

/**
 * The optional consents, changeable at any time (the privacy policy promises it). The accepted
 * policy version is sent back unchanged: this edits the opt-ins, not the acceptance.
 */
export function PrivacySettings({ member }: { member: Member }) {
  const [saving, setSaving] = useState<OptIn | null>(null)
  const consents = member.consents
  if (!consents) return null

  async function change(which: OptIn, optIn: boolean) {
    if (!consents || saving) return
    setSaving(which)
    try {
      const body = {
        privacyPolicyVersion: consents.privacyPolicyVersion,
        marketing: consents.marketing.optIn,
        personalisation: consents.personalisation.optIn,
        [which]: optIn,
      }
      memberStore.set(await api.call('putConsents', { body }))
      showSuccess(optIn ? '已开启' : '已关闭')
    } catch (err) {
      showError(err)
    } finally {
      setSaving(null)
    }
  }

  return (
    <View className='card profile-privacy-settings'>
      <Text className='card__title'>隐私设置</Text>
      <View className='profile__row'>
        <Text className='profile__label'>接收营销消息</Text>
        <Switch
          className='profile-marketing'
          checked={consents.marketing.optIn}
          disabled={saving !== null}
          onChange={(value) => void change('marketing', value)}
        />
      </View>
      <View className='profile__row'>
        <Text className='profile__label'>个性化推荐</Text>
        <Switch
          className='profile-personalisation'
          checked={consents.personalisation.optIn}
          disabled={saving !== null}
          onChange={(value) => void change('personalisation', value)}
        />
      </View>
      <Text className='muted profile-privacy-hint'>以上两项可随时开启或关闭，不影响使用基本会员服务。</Text>
    </View>
  )
}
