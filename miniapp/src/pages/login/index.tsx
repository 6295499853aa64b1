import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { api, loginAs } from '@/api'
import { devIdentity } from '@/api/session'
import { Button } from '@/components/ui'
import { useBusy } from '@/lib/use-busy'
import { goConsent, goHome } from '@/lib/nav'
import { DEFAULT_OPENID, DEMO_IDENTITIES } from './demo-identities'
import './index.scss'

/** h5: log in as an openid (dev login). In WeChat login is silent; this page only offers a retry. */
export default function LoginPage() {
  return process.env.TARO_ENV === 'h5' ? <DevLogin /> : <WechatLogin />
}

function DevLogin() {
  const [openid, setOpenid] = useState(() => devIdentity.get() ?? DEFAULT_OPENID)
  const [busy, run] = useBusy()

  async function submit(id: string) {
    const trimmed = id.trim()
    if (!trimmed) return void Taro.showToast({ title: '请输入 openid', icon: 'none' })
    await run(async () => {
      const { member } = await loginAs(trimmed)
      if (member.needsConsent) goConsent()
      else goHome()
    })
  }

  return (
    <View className='page login'>
      <Text className='login__title'>开发环境登录</Text>
      <Text className='muted login__hint'>浏览器预览无法使用微信登录，请输入 openid 以演示身份登录。</Text>
      <Input
        className='login-openid'
        value={openid}
        maxlength={64}
        placeholder='openid，例如 demo-member-1'
        onInput={(e) => setOpenid(e.detail.value)}
        onConfirm={() => void submit(openid)}
      />
      <Button className='login-submit' type='primary' block loading={busy} onClick={() => void submit(openid)}>
        登录
      </Button>
      <Text className='muted login__quick-title'>快速选择演示身份</Text>
      <View className='login__quick'>
        {DEMO_IDENTITIES.map((d) => (
          <Button
            key={d.openid}
            className={`login-quick login-quick--${d.openid}`}
            size='small'
            disabled={busy}
            onClick={() => {
              setOpenid(d.openid)
              void submit(d.openid)
            }}
          >
            {d.label}
          </Button>
        ))}
      </View>
    </View>
  )
}

function WechatLogin() {
  const [busy, run] = useBusy()
  const retry = () =>
    run(async () => {
      await api.call('getMe')
      goHome()
    })
  return (
    <View className='page login'>
      <Text className='login__title'>已退出登录</Text>
      <Button className='login-submit' type='primary' block loading={busy} onClick={() => void retry()}>
        微信一键登录
      </Button>
    </View>
  )
}
