import { useReducer } from 'react'
import { Text, View } from '@tarojs/components'
import type { MemberCard } from '@siyu/shared/schemas/member-code'
import type { TillAction } from '@siyu/shared/schemas/staff'
import { useRequest } from '@/api'
import type { TillRole } from '@/components/role-badges/roles'
import { Button, Tag } from '@/components/ui'
import { goStaffAudit, goStaffSummary } from '@/lib/nav'
import { loadProgram, type Program } from '@/store/program'
import { ActionResult } from '../components/action-result'
import { IdentifyMember } from '../components/identify'
import { MemberCardView } from '../components/member-card'
import { PurchaseForm } from '../components/purchase-form'
import { RedeemForm } from '../components/redeem-form'
import { RefundForm } from '../components/refund-form'
import { StaffGate } from '../components/staff-gate'
import { newOrderId } from '../lib/ids'
import { tillRulesOf } from '../lib/till-rules'
import { initialTill, tillReducer, type FormKind } from '../lib/till-state'
import '../staff.scss'
import './index.scss'

/** 员工工作台: identify the customer by their member code, then record what happens at the till. */
export default function WorkbenchPage() {
  const program = useRequest(loadProgram, [], { silent: true })
  return <StaffGate>{(role) => <Workbench role={role} program={program.data} />}</StaffGate>
}

function Workbench({ role, program }: { role: TillRole; program: Program | undefined }) {
  const [{ session, view }, dispatch] = useReducer(tillReducer, initialTill)
  const rules = tillRulesOf(program)
  const back = () => dispatch({ type: 'back' })
  const next = () => dispatch({ type: 'next' })
  const onRecoded = (code: string, card: MemberCard) => dispatch({ type: 'recoded', code, card })
  const onDone = (action: TillAction) => dispatch({ type: 'done', action, nextOrderId: newOrderId() })

  return (
    <View className='page staff'>
      <View className='staff-header'>
        <View className='staff-header__title'>
          <Text className='staff-header__name'>员工工作台</Text>
          <Tag className='staff-role' type='primary' round>
            {role === 'manager' ? '店长' : '员工'}
          </Tag>
        </View>
        <View className='staff-header__links'>
          <Text className='staff-link staff-summary-link' onClick={goStaffSummary}>
            今日汇总 ›
          </Text>
          {role === 'manager' ? (
            <Text className='staff-link staff-audit-link' onClick={goStaffAudit}>
              操作记录 ›
            </Text>
          ) : null}
        </View>
      </View>

      {session ? <MemberCardView card={session.card} onNext={next} /> : null}

      {view.kind === 'identify' ? (
        <>
          <IdentifyMember onVerified={(code, card) => dispatch({ type: 'verified', code, card, orderId: newOrderId() })} />
          <Button className='staff-refund-entry' fill='outline' block onClick={() => dispatch({ type: 'open', form: 'refund' })}>
            退款（无需会员码）
          </Button>
        </>
      ) : null}

      {view.kind === 'card' ? <ActionMenu onOpen={(form) => dispatch({ type: 'open', form })} /> : null}

      {view.kind === 'form' && view.form === 'purchase' && session ? (
        <PurchaseForm session={session} onDone={onDone} onCancel={back} onRecoded={onRecoded} />
      ) : null}
      {view.kind === 'form' && view.form === 'redeem' && session ? (
        <RedeemForm session={session} rules={rules} onDone={onDone} onCancel={back} onRecoded={onRecoded} />
      ) : null}
      {view.kind === 'form' && view.form === 'refund' ? <RefundForm onDone={onDone} onCancel={back} /> : null}

      {view.kind === 'result' ? (
        <ActionResult
          action={view.action}
          role={role}
          rules={rules}
          returnWindowDays={program?.points.returnWindowDays ?? null}
          serving={session !== null}
          onVoided={(action) => dispatch({ type: 'voided', action })}
          onContinue={back}
          onNext={next}
        />
      ) : null}
    </View>
  )
}

const ACTIONS: readonly { form: FormKind; label: string; hint: string }[] = [
  { form: 'purchase', label: '记录消费', hint: '积分在退货期后到账，可使用优惠券' },
  { form: 'redeem', label: '积分抵现', hint: '用会员的积分抵扣订单金额' },
  { form: 'refund', label: '退款', hint: '按订单号退款，按比例扣回积分' },
]

function ActionMenu({ onOpen }: { onOpen: (form: FormKind) => void }) {
  return (
    <View className='card staff-actions'>
      {ACTIONS.map(({ form, label, hint }) => (
        <View key={form} className={`staff-action staff-open-${form}`} onClick={() => onOpen(form)}>
          <Text className='staff-action__label'>{label}</Text>
          <Text className='staff-action__hint'>{hint}</Text>
          <Text className='staff-action__chevron'>›</Text>
        </View>
      ))}
    </View>
  )
}
