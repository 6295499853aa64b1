import { Text, View } from '@tarojs/components'
import type { RulesVersionsPage, ScheduledChange } from '@siyu/shared/schemas/console'
import { api } from '@/api'
import type { RequestState } from '@/api/use-request'
import { EmptyState } from '@/components/empty-state'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { Button } from '@/components/ui'
import { showSuccess } from '@/lib/feedback'
import { useBusy } from '@/lib/use-busy'
import { useCursorPages, type CursorPages } from '@/store/use-cursor-pages'
import { PagedList } from '../components/paged-list'
import { confirmAction } from '../lib/confirm'
import { formatShanghaiTime, personText } from '../lib/format'
import { ChangeList } from './change-list'

type Version = RulesVersionsPage['items'][number]

export const VERSIONS_PAGE_SIZE = 20

/** Published versions, newest first, paged by the server's cursor. */
export function useVersions(): CursorPages<'all', Version> {
  return useCursorPages<'all', Version>({
    initialKey: 'all',
    fetchPage: (_, cursor) => api.call('listProgramVersions', { query: { cursor: cursor ?? undefined, limit: VERSIONS_PAGE_SIZE } }),
    idOf: (v) => String(v.version),
  })
}

const STATUS: Record<ScheduledChange['status'], string> = { scheduled: '待生效', applied: '已生效', cancelled: '已取消', failed: '未能生效' }

/** 已计划的变更: scheduled changes (cancellable until they apply) and what became of earlier ones. */
export function ScheduledList({ state }: { state: RequestState<{ items: ScheduledChange[] }> }) {
  const { data, error, reload } = state
  let body
  if (!data && error) body = <LoadFailed block='console-rules-scheduled' layout='row' what='已计划的变更' error={error} onRetry={reload} />
  else if (!data) body = <CardSkeletons className='console-rules-scheduled-loading' rows={[3]} />
  else if (!data.items.length) body = <EmptyState className='console-rules-scheduled-empty' title='没有已计划的变更' description='定时生效的规则调整会列在这里' />
  else body = data.items.map((c) => <ScheduledItem key={c.id} change={c} onChanged={reload} />)
  return (
    <View className='card console-rules-scheduled'>
      <Text className='card__title'>已计划的变更</Text>
      {body}
    </View>
  )
}

function ScheduledItem({ change: c, onChanged }: { change: ScheduledChange; onChanged: () => Promise<void> }) {
  const [busy, run] = useBusy()
  async function cancel() {
    if (!(await confirmAction('取消定时变更', `${c.effectiveOn} 的规则调整将不会生效，会员也不再看到这条公告。`, '取消变更'))) return
    await run(async () => {
      await api.call('cancelScheduledChange', { params: { id: c.id } })
      showSuccess('已取消')
      await onChanged()
    })
  }
  return (
    <View className={`console-row console-rules-scheduled-item console-rules-scheduled-item--${c.status}`}>
      <View className='console-row__main'>
        <Text className='console-row__title'>
          {c.effectiveOn} 起生效 · <Text className='console-rules-scheduled-item__status'>{STATUS[c.status]}</Text>
          {c.appliedVersion ? ` · 版本 ${c.appliedVersion}` : ''}
        </Text>
        <Text className='console-rules-scheduled-item__notice'>{c.notice}</Text>
        <ChangeList className='console-rules-scheduled-changes' changes={c.changes} />
        {c.failure ? <Text className='console-error'>{c.failure}</Text> : null}
        <Text className='console-row__meta'>
          {personText(c.createdBy)} · 创建于 {formatShanghaiTime(c.createdAt)}
        </Text>
      </View>
      {c.status === 'scheduled' ? (
        <View className='console-row__side'>
          <Button className='console-rules-cancel' size='small' loading={busy} onClick={() => void cancel()}>
            取消
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** 历史版本: who published each version, when, and what it changed. */
export function VersionHistory({ versions }: { versions: CursorPages<'all', Version> }) {
  return (
    <View className='console-rules-history'>
      <Text className='console-rules-section-title'>历史版本</Text>
      <PagedList block='console-rules-versions' what='历史版本' list={versions} empty={{ title: '暂无历史版本' }}>
        {(v) => (
          <View key={v.version} className='console-row console-rules-version'>
            <View className='console-row__main'>
              <Text className='console-row__title console-rules-version__title'>
                版本 {v.version}
                {v.scheduledChangeId ? ' · 定时发布' : ''}
              </Text>
              <Text className='console-row__meta console-rules-version__meta'>
                {formatShanghaiTime(v.publishedAt)} · {v.publishedBy ? personText(v.publishedBy) : '系统'}
              </Text>
              {v.changes.length ? (
                <ChangeList className='console-rules-version-changes' changes={v.changes} />
              ) : (
                <Text className='console-row__meta'>{v.version === 1 ? '初始规则' : '无字段变化'}</Text>
              )}
            </View>
          </View>
        )}
      </PagedList>
    </View>
  )
}
