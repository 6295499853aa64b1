import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { api } from '@/api'
import { ApiError } from '@/api/errors'
import { Button, Switch } from '@/components/ui'
import { showSuccess } from '@/lib/feedback'
import { withIdempotencyKey } from '@/lib/idempotency'
import { useBusy } from '@/lib/use-busy'
import { confirmAction } from '../lib/confirm'
import { ChangeList } from './change-list'
import { ScheduleForm, type ScheduleInput } from './schedule-form'
import { scheduleBlock, scheduleSections } from './schedule'
import { withoutVersion, type RulesEditor } from './use-rules-editor'

interface Props {
  editor: RulesEditor
  noticeDays: number
  onSaved: (rules: ProgramRules) => void
  onScheduled: () => void
  /** Loads the current version and discards the edit. */
  onReload: () => void
}

/** What saving would change, and the two ways to publish it: now, or on a date with a notice. */
export function ChangesPanel({ editor, noticeDays, onSaved, onScheduled, onReload }: Props) {
  const [scheduling, setScheduling] = useState(false)
  const [conflict, setConflict] = useState(false)
  const [busy, run] = useBusy()
  const { changes, check, base } = editor
  const block = scheduleBlock(changes)
  const ready = !!check.rules && changes.length > 0

  // A stale base version is not an error to toast: the operator must reload before editing on.
  const send = (write: () => Promise<void>) =>
    run(async () => {
      try {
        await write()
      } catch (err) {
        if (err instanceof ApiError && err.code === 'rules.version_conflict') setConflict(true)
        else throw err
      }
    })

  async function saveNow() {
    const rules = check.rules
    if (!rules || !changes.length) return
    if (!(await confirmAction('立即保存', `共 ${changes.length} 项变更，保存后立即对所有会员生效。`, '保存'))) return
    await send(async () => {
      const saved = await api.call('putAdminProgram', { body: { baseVersion: base.version, rules: withoutVersion(rules) } })
      showSuccess('规则已保存')
      onSaved(saved)
    })
  }

  async function schedule({ effectiveOn, notice }: ScheduleInput) {
    const rules = check.rules
    if (!rules || block) return
    const body = { baseVersion: base.version, effectiveOn, notice, sections: scheduleSections(rules, changes) }
    await send(async () => {
      await withIdempotencyKey((key) => api.call('scheduleProgramChange', { body, headers: { 'Idempotency-Key': key } }))
      showSuccess('已定时发布')
      onScheduled()
    })
  }

  async function reload() {
    if (await confirmAction('重新加载', '重新加载将放弃你未保存的修改，显示最新的规则。', '重新加载')) onReload()
  }

  return (
    <View className='card console-rules-panel'>
      <Text className='card__title'>待发布的变更（当前版本 {base.version}）</Text>
      {conflict ? (
        <View className='console-error console-rules-conflict'>
          <Text>规则已被他人修改：请重新加载最新的规则后再编辑。</Text>
          <Button className='console-rules-reload' size='small' onClick={() => void reload()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {check.issues.length ? (
        <Text className='console-error console-rules-blocked'>有 {check.issues.length} 处需要修正，修正后才能保存。</Text>
      ) : changes.length ? (
        <ChangeList className='console-rules-diff' changes={changes} />
      ) : (
        <Text className='console-field__hint console-rules-unchanged'>{editor.edited ? '修改后的规则与当前版本相同。' : '尚未修改规则。'}</Text>
      )}
      <View className='console-rules-schedule-switch'>
        <Switch className='console-rules-schedule-toggle' checked={scheduling} disabled={!ready || !!block} onChange={(on: boolean) => setScheduling(on)} />
        <Text className='console-rules-schedule-switch__label'>定时生效</Text>
        <Text className='console-field__hint console-rules-schedule-block'>
          {ready && block ? block : `积分规则和等级的调整须提前 ${noticeDays} 天公告，可定时生效`}
        </Text>
      </View>
      {scheduling && ready && !block ? (
        <ScheduleForm editor={editor} noticeDays={noticeDays} busy={busy} onSubmit={(input) => void schedule(input)} />
      ) : (
        <View className='console-actions'>
          <Button className='console-rules-save' type='primary' size='small' disabled={!ready} loading={busy} onClick={() => void saveNow()}>
            立即保存
          </Button>
        </View>
      )}
    </View>
  )
}
