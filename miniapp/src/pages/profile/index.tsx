import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Input, Picker, Text, View, type ButtonProps, type CommonEventFunction } from '@tarojs/components'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { api, logout } from '@/api'
import { RoleBadges } from '@/components/role-badges'
import { tillRoleOf } from '@/components/role-badges/roles'
import { Button, Skeleton } from '@/components/ui'
import { showError, showSuccess } from '@/lib/feedback'
import { useBusy } from '@/lib/use-busy'
import { goConsole, goPoints, goStaff, openPolicy } from '@/lib/nav'
import { memberStore, type Member } from '@/store/member-store'
import { loadProgram } from '@/store/program'
import { useMember } from '@/store/use-member'
import { NICKNAME_MAX, formFromMember, profileChanges, type ProfileForm } from './profile-form'
import { PrivacySettings } from './privacy-settings'
import './index.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

export default function ProfilePage() {
  const { member, loading } = useMember()
  if (loading || !member) {
    return (
      <View className='page profile profile-loading'>
        <View className='card'>
          <Skeleton rows={3} animated />
        </View>
      </View>
    )
  }
  return (
    <View className='page profile'>
      <ProfileHeader member={member} />
      <View className='card profile__links'>
        {tillRoleOf(member.roles) ? (
          <View className='profile__row profile-staff' onClick={goStaff}>
            <Text className='profile__label'>员工工作台</Text>
            <Text className='profile__chevron'>扫码记录消费 ›</Text>
          </View>
        ) : null}
        {member.roles.includes('admin') || member.roles.includes('manager') ? (
          <View className='profile__row profile-console' onClick={goConsole}>
            <Text className='profile__label'>品牌后台</Text>
            <Text className='profile__chevron'>会员、积分与数据 ›</Text>
          </View>
        ) : null}
        <View className='profile__row profile-points' onClick={goPoints}>
          <Text className='profile__label'>我的积分</Text>
          <Text className='profile__chevron'>积分与明细 ›</Text>
        </View>
        <View className='profile__row profile-privacy' onClick={openConfiguredPolicy}>
          <Text className='profile__label'>隐私政策</Text>
          <Text className='profile__chevron'>›</Text>
        </View>
      </View>
      <ContactCard member={member} />
      <EditCard member={member} />
      <PrivacySettings member={member} />
      <Button className='profile-logout' block fill='outline' onClick={logout}>
        退出登录
      </Button>
    </View>
  )
}

/** The policy at the address the program rules publish (the built-in page if they cannot be read). */
function openConfiguredPolicy() {
  loadProgram().then(
    (program) => openPolicy(program.privacy.policyUrl),
    () => openPolicy(),
  )
}

function ProfileHeader({ member }: { member: Member }) {
  return (
    <View className='card profile__header'>
      {member.avatarUrl ? (
        <Image className='profile__avatar' src={member.avatarUrl} mode='aspectFill' />
      ) : (
        <View className='profile__avatar profile__avatar--initial'>{(member.nickname ?? '会').slice(0, 1)}</View>
      )}
      <View className='profile__who'>
        <Text className='profile-nickname'>{member.nickname ?? '未设置昵称'}</Text>
        <RoleBadges roles={member.roles} />
      </View>
    </View>
  )
}

function ContactCard({ member }: { member: Member }) {
  const onPhone: CommonEventFunction<ButtonProps.onGetPhoneNumberEventDetail> = async (event) => {
    const code = event.detail.code
    if (!code) return void Taro.showToast({ title: '未获取到手机号', icon: 'none' })
    try {
      memberStore.set(await api.call('bindPhone', { body: { code } }))
      showSuccess('绑定成功')
    } catch (err) {
      showError(err)
    }
  }
  return (
    <View className='card'>
      <View className='profile__row'>
        <Text className='profile__label'>手机号</Text>
        <Text className='profile-phone'>{member.phone ?? '未绑定'}</Text>
      </View>
      {member.phone ? null : IS_WEAPP ? (
        <Button className='profile-bind-phone' type='primary' size='small' openType='getPhoneNumber' onGetPhoneNumber={onPhone}>
          绑定手机号
        </Button>
      ) : (
        <Text className='muted profile-phone-hint'>绑定手机号需要在微信小程序中完成</Text>
      )}
      <View className='profile__row'>
        <Text className='profile__label'>生日</Text>
        <Text className='profile-birthday'>{member.birthday ?? '未设置'}</Text>
      </View>
    </View>
  )
}

function EditCard({ member }: { member: Member }) {
  const [form, setForm] = useState<ProfileForm>(() => formFromMember(member))
  const [saving, run] = useBusy()
  // Reset only when the stored values change: a reload returning the same profile must not wipe
  // what the member is typing.
  useEffect(() => setForm(formFromMember(member)), [member.nickname, member.birthday])
  const birthdayLocked = member.birthday !== null

  async function save() {
    const changes = profileChanges(member, form)
    if (!changes.ok) return void Taro.showToast({ title: changes.message, icon: 'none' })
    await run(async () => {
      memberStore.set(await api.call('updateMe', { body: changes.body }))
      showSuccess('已保存')
    })
  }

  return (
    <View className='card profile-form'>
      <Text className='card__title'>编辑资料</Text>
      <View className='profile__field'>
        <Text className='profile__label'>昵称</Text>
        <Input
          className='profile-nickname-input'
          value={form.nickname}
          maxlength={NICKNAME_MAX}
          placeholder='请输入昵称'
          onInput={(e) => setForm((f) => ({ ...f, nickname: e.detail.value }))}
        />
      </View>
      <View className='profile__field'>
        <Text className='profile__label'>生日</Text>
        <Picker
          mode='date'
          className='profile-birthday-picker'
          value={form.birthday || '1990-01-01'}
          start='1900-01-01'
          end={shanghaiDate(new Date())}
          disabled={birthdayLocked}
          onChange={(e) => setForm((f) => ({ ...f, birthday: String(e.detail.value) }))}
        >
          <Text className={form.birthday ? 'profile__value' : 'profile__placeholder'}>{form.birthday || '请选择生日'}</Text>
        </Picker>
      </View>
      <Text className='muted profile-birthday-hint'>{birthdayLocked ? '生日设置后不可修改' : '生日只能设置一次，请确认后保存'}</Text>
      <Button className='profile-save' type='primary' block loading={saving} onClick={() => void save()}>
        保存
      </Button>
    </View>
  )
}
