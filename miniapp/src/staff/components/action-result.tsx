import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { TillAction } from '@siyu/shared/schemas/staff'
import { api } from '@/api'
import type { TillRole } from '@/components/role-badges/roles'
import { Button } from '@/components/ui'
import { useNow } from '@/lib/use-now'
import { voidPrompt } from '../lib/prompts'
import { resultView } from '../lib/result-text'
import { retryUnanswered } from '../lib/retry'
import { canVoid, type TillRules } from '../lib/till-rules'
import { useAction } from '../lib/use-action'

interface Props {
  action: TillAction
  role: TillRole
  rules: TillRules
  returnWindowDays: number | null
  /** Whether a customer is still being served (else the only way on is back to the start). */
  serving: boolean
  onVoided: (action: TillAction) => void
  onContinue: () => void
  onNext: () => void
}

/** What the action did, with its figures, and 撤销 while the rules allow it. */
export function ActionResult({ action, role, rules, returnWindowDays, serving, onVoided, onContinue, onNext }: Props) {
  const view = resultView(action, returnWindowDays)
  const now = useNow(undefined, 10_000)
  const undo = useAction()

  async function voidIt() {
    await undo.run(async () => {
      const { confirm } = await Taro.showModal({ title: '确认撤销', content: voidPrompt(action.kind, action.orderId), confirmText: '撤销', confirmColor: '#f53f3f' })
      if (!confirm) return
      onVoided(await retryUnanswered(() => api.call('voidAction', { params: { id: action.actionId } })))
    })
  }

  return (
    <View className={`card staff-result staff-result--${action.kind}${action.voided ? ' staff-result--voided' : ''}`}>
      <View className='staff-result__head'>
        <Text className={`staff-result__mark${action.voided ? ' staff-result__mark--voided' : ''}`}>{action.voided ? '↺' : '✓'}</Text>
        <Text className='staff-result-title'>{view.title}</Text>
      </View>
      {view.lines.map((line) => (
        <View key={line.key} className={`staff-result__line staff-result-${line.key}`}>
          <Text className='staff-result__label'>{line.label}</Text>
          <Text className='staff-result__value'>{line.value}</Text>
        </View>
      ))}
      <Text className='staff-result-note'>{view.note}</Text>
      {view.followUp ? <Text className='muted staff-result-follow-up'>{view.followUp}</Text> : null}
      {view.replayNote ? <Text className='muted staff-result-replay'>{view.replayNote}</Text> : null}
      {undo.error ? <Text className='staff-form-error__text staff-void-error'>{undo.error.message}</Text> : null}
      <View className='staff-form__actions'>
        {canVoid(action, role, now, rules) ? (
          <Button className='staff-void' type='danger' fill='outline' block loading={undo.busy} onClick={() => void voidIt()}>
            撤销
          </Button>
        ) : null}
        {serving ? (
          <Button className='staff-continue' type='primary' block disabled={undo.busy} onClick={onContinue}>
            继续为该会员操作
          </Button>
        ) : null}
        <Button className='staff-next' fill={serving ? 'none' : 'solid'} type={serving ? 'default' : 'primary'} block disabled={undo.busy} onClick={onNext}>
          {serving ? '下一位顾客' : '完成'}
        </Button>
      </View>
    </View>
  )
}
