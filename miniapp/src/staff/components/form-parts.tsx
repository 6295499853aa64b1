import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { MemberCard } from '@siyu/shared/schemas/member-code'
import { Button } from '@/components/ui'
import type { ActionState } from '../lib/use-action'
import { IdentifyMember } from './identify'

/** A form's submit and back buttons: `{name}-submit`, `staff-form-cancel`. */
export function FormActions(props: { name: string; label: string; busy: boolean; disabled?: boolean; onSubmit: () => void; onCancel: () => void }) {
  const { name, label, busy, disabled = false, onSubmit, onCancel } = props
  return (
    <View className='staff-form__actions'>
      <Button className={`${name}-submit`} type='primary' block loading={busy} disabled={disabled} onClick={onSubmit}>
        {label}
      </Button>
      <Button className='staff-form-cancel' fill='none' block disabled={busy} onClick={onCancel}>
        返回
      </Button>
    </View>
  )
}

/** Codes for which the customer has to show a fresh member code. */
const needsFreshCode = (code: string) => code.startsWith('member_code.')

interface ErrorProps {
  action: ActionState
  /** The customer the form serves (a fresh code must be theirs). Absent for a refund. */
  memberId?: string
  onRecoded?: (code: string, card: MemberCard) => void
}

/**
 * Why the action failed, in place. When the member code was refused (expired, or already used
 * for another order) the customer's fresh code can be entered right here, keeping the form.
 */
export function TillFormError({ action, memberId, onRecoded }: ErrorProps) {
  const [mismatch, setMismatch] = useState(false)
  const { error } = action
  if (!error) return null
  const recode = memberId && onRecoded && needsFreshCode(error.code)
  return (
    <View className='staff-form-error'>
      <Text className='staff-form-error__text'>{mismatch ? '这不是同一位会员的会员码，请核对后重试' : error.message}</Text>
      {recode ? (
        <IdentifyMember
          compact
          onVerified={(code, card) => {
            if (card.memberId !== memberId) return setMismatch(true)
            setMismatch(false)
            onRecoded(code, card)
            action.clearError()
          }}
        />
      ) : null}
    </View>
  )
}
