import { useCallback, useEffect, useRef, useState } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { api, useRequest } from '@/api'
import type { ApiError } from '@/api/errors'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { showError } from '@/lib/feedback'
import { ConsoleShell } from '../components/console-shell'
import { ChangesPanel } from './changes-panel'
import type { TabKey } from './fields'
import { ScheduledList, VersionHistory, useVersions } from './rule-lists'
import { RuleTabBody, RuleTabs } from './rule-tabs'
import { useRulesEditor } from './use-rules-editor'
import './index.scss'

/** 规则 (brand admins): the program-rules document as forms, published now or on a date, with its history. */
export default function RulesPage() {
  return <ConsoleShell section='rules'>{() => <RulesConsole />}</ConsoleShell>
}

/** The current document; every load or save starts a fresh edit (`generation`). */
function useAdminProgram() {
  const [state, setState] = useState<{ doc?: ProgramRules; error?: ApiError; generation: number }>({ generation: 0 })
  const show = useCallback((doc: ProgramRules) => setState((s) => ({ doc, generation: s.generation + 1 })), [])
  const shown = useRef(false)
  const load = useCallback(async () => {
    setState((s) => ({ ...s, error: undefined }))
    try {
      show(await api.call('getAdminProgram'))
      shown.current = true
    } catch (err) {
      // With rules on screen (a reload after a conflict) the failure is a toast; else the page says it.
      if (shown.current) showError(err)
      setState((s) => ({ ...s, error: err as ApiError }))
    }
  }, [show])
  useEffect(() => void load(), [load])
  return { ...state, load, show }
}

function RulesConsole() {
  const program = useAdminProgram()
  const scheduled = useRequest(() => api.call('listScheduledChanges'), [], { silent: true })
  const versions = useVersions()
  // Kept here, so the tab stays open when a save or a schedule starts a fresh edit.
  const [tab, setTab] = useState<TabKey>('earning')
  useReachBottom(() => void versions.loadMore())

  let editor
  if (program.doc) {
    const published = (doc: ProgramRules) => {
      program.show(doc)
      void versions.refresh()
    }
    const scheduledOne = () => {
      program.show(program.doc!)
      void scheduled.reload()
    }
    editor = <RulesForm key={program.generation} base={program.doc} tab={tab} onTab={setTab} onSaved={published} onScheduled={scheduledOne} onReload={() => void program.load()} />
  } else if (program.error) {
    editor = <LoadFailed block='console-rules' className='card' layout='stacked' what='规则' error={program.error} onRetry={program.load} />
  } else {
    editor = <CardSkeletons className='console-rules-loading' rows={[6, 3]} />
  }
  return (
    <View className='console-rules'>
      {editor}
      <ScheduledList state={scheduled} />
      <VersionHistory versions={versions} />
    </View>
  )
}

interface FormProps {
  base: ProgramRules
  tab: TabKey
  onTab: (tab: TabKey) => void
  onSaved: (doc: ProgramRules) => void
  onScheduled: () => void
  onReload: () => void
}

function RulesForm({ base, tab, onTab: setTab, onSaved, onScheduled, onReload }: FormProps) {
  const editor = useRulesEditor(base)
  const { issues } = editor.check
  const noticeDays = base.ruleChanges.noticeDays
  return (
    <>
      <View className='card console-rules-form'>
        {issues.length ? (
          <View className='console-error console-rules-issues'>
            <Text className='console-rules-issues__title'>有 {issues.length} 处需要修正：</Text>
            {issues.map((i) => (
              <Text key={i.key} className='console-rules-issues__item' onClick={() => i.tab && setTab(i.tab)}>
                {i.label}：{i.message}
              </Text>
            ))}
          </View>
        ) : null}
        <RuleTabs tab={tab} issues={issues} onTab={setTab} />
        <RuleTabBody tab={tab} editor={editor} />
      </View>
      <ChangesPanel editor={editor} noticeDays={noticeDays} onSaved={onSaved} onScheduled={onScheduled} onReload={onReload} />
    </>
  )
}
