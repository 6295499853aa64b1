import { Text, View } from '@tarojs/components'
import type { Tier } from '@siyu/shared/rules/program-rules'
import { Choices, FieldRow } from '../components/form-fields'
import { TABS, TAB_FIELDS, type TabKey } from './fields'
import { GroupIssue, RuleFields, RuleList } from './rule-fields'
import type { RuleIssue } from './validate'
import type { RulesEditor } from './use-rules-editor'

/** 积分规则 · 签到 · 等级 · 邀请 · 收银规则, each marked when it holds something to fix. */
export function RuleTabs({ tab, issues, onTab }: { tab: TabKey; issues: readonly RuleIssue[]; onTab: (tab: TabKey) => void }) {
  return (
    <View className='console-tabs console-rules-tabs'>
      {TABS.map((t) => {
        const n = issues.filter((i) => i.tab === t.key).length
        const classes = ['console-tabs__tab', 'console-rules-tab', `console-rules-tab--${t.key}`, t.key === tab && 'console-tabs__tab--active', n && 'console-rules-tab--invalid']
        return (
          <View key={t.key} className={classes.filter(Boolean).join(' ')} onClick={() => onTab(t.key)}>
            {n ? `${t.title}（${n}）` : t.title}
          </View>
        )
      })}
    </View>
  )
}

export function RuleTabBody({ tab, editor }: { tab: TabKey; editor: RulesEditor }) {
  const fields = TAB_FIELDS[tab]
  switch (tab) {
    case 'checkin':
      return (
        <View className='console-rules-body console-rules-body--checkin'>
          <GroupIssue editor={editor} at='checkin' />
          <RuleFields editor={editor} defs={fields.slice(0, 2)} />
          <RuleList editor={editor} list='checkin.bonuses' newItem={newBonus(editor)} />
          <RuleFields editor={editor} defs={fields.slice(2)} />
        </View>
      )
    case 'tiers':
      return (
        <View className='console-rules-body console-rules-body--tiers'>
          <RuleList editor={editor} list='tiers' minItems={1} newItem={newTier} title={(t, i) => `第 ${i + 1} 级 · ${(t as Tier).name || '未命名'}`} />
          <MemberDay editor={editor} />
        </View>
      )
    case 'referrals':
      return (
        <View className='console-rules-body console-rules-body--referrals'>
          <RuleFields editor={editor} defs={fields} />
          <RuleList editor={editor} list='referrals.milestones' newItem={newMilestone} />
        </View>
      )
    default:
      return (
        <View className={`console-rules-body console-rules-body--${tab}`}>
          {TABS.find((t) => t.key === tab)!.sections.map((s) => (
            <GroupIssue key={s} editor={editor} at={s} />
          ))}
          <RuleFields editor={editor} defs={fields} />
        </View>
      )
  }
}

const WEEKDAYS = [
  { value: 'none', label: '无' }, { value: '1', label: '周一' }, { value: '2', label: '周二' }, { value: '3', label: '周三' },
  { value: '4', label: '周四' }, { value: '5', label: '周五' }, { value: '6', label: '周六' }, { value: '0', label: '周日' },
] as const

/** 会员日: a weekday or none. It is outside the sections a schedule carries: saved now only. */
function MemberDay({ editor }: { editor: RulesEditor }) {
  const weekday = editor.draft.memberDay.weekday
  const current = weekday === null ? 'none' : String(weekday)
  return (
    <View className='console-rules-fields console-rules-member-day'>
      <FieldRow name='console-rules-field--memberDay-weekday' label='会员日' error={editor.check.byKey['memberDay.weekday']} hint='每周这一天消费，按各等级的会员日加成多得积分；会员日只能立即保存，不能定时生效'>
        <Choices name='console-rules-weekday' options={WEEKDAYS} isActive={(v) => v === current} onPick={(v) => editor.setValue('memberDay.weekday', v === 'none' ? null : Number(v))} />
      </FieldRow>
      <Text className='console-field__hint'>各等级的「会员日加成」在上方等级中设置。</Text>
    </View>
  )
}

function newTier(items: unknown[]): Tier {
  const last = items.at(-1) as Tier | undefined
  return {
    code: `tier${items.length + 1}`, name: '', thresholdFen: (last?.thresholdFen ?? 0) + 100_000,
    multiplierPercent: last?.multiplierPercent ?? 100, memberDayBonusPercent: last?.memberDayBonusPercent ?? 0,
    upgradeGift: { points: 0, couponTemplateIds: [] }, birthdayGift: { points: 0, couponTemplateIds: [] },
  }
}

/** A bonus on the first day of the cycle that has none, from the last day back. */
const newBonus = (editor: RulesEditor) => (items: unknown[]) => {
  const taken = new Set((items as { day: number }[]).map((b) => b.day))
  const cycle = typeof editor.draft.checkin.cycleDays === 'number' ? editor.draft.checkin.cycleDays : 7
  const day = Array.from({ length: cycle }, (_, i) => cycle - i).find((d) => !taken.has(d)) ?? cycle
  return { day, points: 10 }
}

function newMilestone(items: unknown[]) {
  const last = items.at(-1) as { qualified: number } | undefined
  return { qualified: last ? last.qualified * 2 : 10, checkinMultiplier: 2, days: 30 }
}
