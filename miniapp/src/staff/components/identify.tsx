import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { MemberCard } from '@siyu/shared/schemas/member-code'
import { api } from '@/api'
import { Button } from '@/components/ui'
import { canScan, normalizeMemberCode, scanMemberCode } from '../lib/scan'
import { useAction } from '../lib/use-action'
import { Field } from './field'

interface Props {
  onVerified: (code: string, card: MemberCard) => void
  /** A smaller block inside a form, after the code the form sent was refused. */
  compact?: boolean
}

/**
 * Identifies the customer by their rotating member code: the camera on weapp, a typed entry
 * on both. Expired, forged and malformed codes are told apart by the server's message.
 */
export function IdentifyMember({ onVerified, compact = false }: Props) {
  const [code, setCode] = useState('')
  const [inputError, setInputError] = useState<string | null>(null)
  const { busy, error, run } = useAction()

  async function verify(raw: string) {
    const value = normalizeMemberCode(raw)
    if (!value) return setInputError('请输入会员码')
    setInputError(null)
    await run(async () => {
      onVerified(value, await api.call('verifyMemberCode', { body: { code: value } }))
    })
  }

  async function scan() {
    let scanned: string | null
    try {
      scanned = await scanMemberCode()
    } catch {
      return setInputError('扫码失败，请重试或手动输入会员码')
    }
    if (scanned === null) return
    setCode(scanned)
    await verify(scanned)
  }

  return (
    <View className={`staff-identify${compact ? ' staff-identify--compact' : ' card'}`}>
      {compact ? null : <Text className='card__title'>识别会员</Text>}
      <Text className='muted staff-identify__hint'>
        {compact ? '请让顾客刷新会员码后重新识别，已填写的内容会保留' : '请顾客打开「会员码」，扫描条形码或二维码，或输入码下方的 14 位数字'}
      </Text>
      {canScan() ? (
        <Button className='staff-scan' type='primary' block loading={busy} onClick={() => void scan()}>
          扫描会员码
        </Button>
      ) : null}
      <Field
        name='staff-code'
        label='会员码'
        type='number'
        maxlength={20}
        value={code}
        placeholder='输入 14 位会员码'
        error={inputError}
        onInput={(value) => {
          setCode(value)
          setInputError(null)
        }}
      />
      {error ? <Text className='staff-identify-error'>{error.message}</Text> : null}
      <Button className='staff-verify' type={canScan() ? 'default' : 'primary'} block loading={busy} onClick={() => void verify(code)}>
        查询会员
      </Button>
    </View>
  )
}
