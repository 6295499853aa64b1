import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/ui'
import { DateInput, FieldRow } from '../components/form-fields'
import { defaultNotice, earliestEffectiveOn } from './schedule'
import type { RulesEditor } from './use-rules-editor'

const NOTICE_MIN = 5
const NOTICE_MAX = 300

export interface ScheduleInput {
  effectiveOn: string
  notice: string
}

interface Props {
  editor: RulesEditor
  noticeDays: number
  busy: boolean
  onSubmit: (input: ScheduleInput) => void
}

/**
 * 定时生效: the date (no earlier than the notice period allows) and what members are told until
 * then. The notice follows the changes and the date until the operator writes their own.
 */
export function ScheduleForm({ editor, noticeDays, busy, onSubmit }: Props) {
  const earliest = earliestEffectiveOn(new Date(), noticeDays)
  const [date, setDate] = useState(earliest)
  const [written, setWritten] = useState<string | null>(null)
  const [errors, setErrors] = useState<{ date?: string; notice?: string }>({})
  const notice = written ?? defaultNotice(editor.changes, date)

  function submit() {
    const text = notice.trim()
    const next = {
      date: date < earliest ? `须提前 ${noticeDays} 天公告：最早 ${earliest}` : undefined,
      notice: text.length < NOTICE_MIN ? `请填写给会员的变更说明（至少 ${NOTICE_MIN} 个字）` : text.length > NOTICE_MAX ? `最多 ${NOTICE_MAX} 个字` : undefined,
    }
    setErrors(next)
    if (!next.date && !next.notice) onSubmit({ effectiveOn: date, notice: text })
  }

  return (
    <View className='console-rules-schedule'>
      <FieldRow name='console-rules-effective-on-row' label='生效日期' error={errors.date} hint={`须提前 ${noticeDays} 天公告：最早 ${earliest}，当天 0 点起生效`}>
        <DateInput name='console-rules-effective-on' value={date} start={earliest} onChange={setDate} />
      </FieldRow>
      <FieldRow name='console-rules-notice-row' label='会员公告' error={errors.notice} hint={`生效前会员在首页和积分页看到这段说明（${notice.length}/${NOTICE_MAX}）`}>
        <View className='console-rules-notice'>
          <Textarea
            className='console-field__input console-rules-notice__input'
            value={notice}
            maxlength={NOTICE_MAX}
            autoHeight
            placeholder='告诉会员哪些规则将调整、何时生效'
            onInput={(e) => setWritten(e.detail.value)}
          />
        </View>
      </FieldRow>
      <View className='console-actions'>
        <Button className='console-rules-schedule-submit' type='primary' size='small' loading={busy} onClick={submit}>
          定时发布
        </Button>
        <Text className='console-field__hint'>到期由系统自动发布为新版本；生效前可在下方取消。</Text>
      </View>
    </View>
  )
}
