import { useState } from 'react'
import Taro, { useReachBottom } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { MemberRow, MemberSearchPage } from '@siyu/shared/schemas/console'
import { api } from '@/api'
import { EmptyState } from '@/components/empty-state'
import { ListFooter } from '@/components/list-footer'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { Button } from '@/components/ui'
import { useCursorPages, type CursorPages } from '@/store/use-cursor-pages'
import { ConsoleShell } from '../components/console-shell'
import { count, formatShanghaiTime, personText } from '../lib/format'
import { MATCHED_BY, SEARCH_HINT, memberPageUrl, normaliseQuery } from './search-text'
import { StaffBadges } from './staff-badges'
import './index.scss'

type Matched = MemberSearchPage['matchedBy']
type Results = CursorPages<string, MemberRow>

/** 会员: find a member by phone, member code, short id or nickname, then open their page. */
export default function MembersPage() {
  return <ConsoleShell section='members'>{() => <MemberSearch />}</ConsoleShell>
}

function MemberSearch() {
  const [text, setText] = useState('')
  const [inputError, setInputError] = useState<string | null>(null)
  // How each query matched, kept per query so a late answer to an older one cannot relabel the list.
  const [matched, setMatched] = useState<Record<string, Matched>>({})
  const results = useCursorPages<string, MemberRow>({
    initialKey: '',
    lazy: true,
    idOf: (row) => row.member.id,
    fetchPage: async (q, cursor) => {
      const page = await api.call('searchMembers', { query: { q, limit: 20, ...(cursor ? { cursor } : {}) } })
      if (!cursor) setMatched((m) => ({ ...m, [q]: page.matchedBy }))
      return page
    },
  })
  useReachBottom(() => void results.loadMore())

  function search() {
    const q = normaliseQuery(text)
    if (!q) return setInputError('请输入手机号、会员码、短号或昵称')
    setInputError(null)
    if (q === results.key && results.status !== 'idle') void results.refresh()
    else results.setKey(q)
  }

  return (
    <View className='console-members'>
      <View className='card console-member-search'>
        <View className={`console-member-search__row${inputError ? ' console-field--invalid' : ''}`}>
          <Input
            className='console-field__input console-member-search-input'
            value={text}
            maxlength={40}
            placeholder='手机号 / 会员码 / 短号 / 昵称'
            confirmType='search'
            onInput={(e) => setText(e.detail.value)}
            onConfirm={search}
          />
          <Button className='console-member-search-submit' type='primary' onClick={search}>
            搜索
          </Button>
        </View>
        {inputError ? <Text className='console-field__error console-member-search-error'>{inputError}</Text> : null}
        <Text className='console-field__hint console-member-search-hint'>{SEARCH_HINT}</Text>
      </View>
      <SearchResults results={results} matchedBy={matched[results.key]} />
    </View>
  )
}

function SearchResults({ results, matchedBy }: { results: Results; matchedBy: Matched | undefined }) {
  if (results.status === 'idle') {
    return <EmptyState className='console-members-initial' title='查找会员' description='搜索后可查看会员的积分、等级、优惠券与签到，并调整积分。' />
  }
  if (results.status === 'loading') return <CardSkeletons rows={[4]} />
  if (results.status === 'error') {
    return <LoadFailed block='console-members' className='card' layout='stacked' what='会员搜索' error={results.error} onRetry={results.open} />
  }
  if (!results.items.length) {
    return <EmptyState className='console-members-empty' title='未找到会员' description={`没有与「${results.key}」匹配的会员。手机号需输入完整 11 位；昵称按开头匹配。`} />
  }
  return (
    <View className='card console-member-results'>
      <Text className='console-member-results__caption'>
        {matchedBy ? `${MATCHED_BY[matchedBy]} · ` : ''}
        {results.nextCursor ? `已显示 ${results.items.length} 位` : `共 ${results.items.length} 位`}
      </Text>
      <View className='console-member-results__head'>
        <Text className='console-member-results__col console-member-results__col--who'>会员</Text>
        <Text className='console-member-results__col'>等级</Text>
        <Text className='console-member-results__col'>可用积分</Text>
        <Text className='console-member-results__col'>注册时间</Text>
      </View>
      {results.items.map((row) => (
        <Row key={row.member.id} row={row} />
      ))}
      <ListFooter className='console-members-footer' list={results} />
    </View>
  )
}

function Row({ row }: { row: MemberRow }) {
  return (
    <View className='console-row console-member-row' onClick={() => void Taro.navigateTo({ url: memberPageUrl(row.member.id) })}>
      <View className='console-row__main console-member-row__who'>
        <Text className='console-row__title console-member-row__name'>{personText(row.member)}</Text>
        <StaffBadges roles={row.roles} />
      </View>
      <Text className='console-member-row__cell console-member-row__tier'>{row.tier.name}</Text>
      <View className='console-member-row__cell console-member-row__points'>
        <Text className='console-member-row__available'>{count(row.available)} 积分</Text>
        {row.debt > 0 ? <Text className='console-member-row__debt'>欠扣 {count(row.debt)}</Text> : null}
      </View>
      <Text className='console-member-row__cell console-member-row__since'>{formatShanghaiTime(row.createdAt).slice(0, 10)}</Text>
      <Text className='console-member-row__chevron'>›</Text>
    </View>
  )
}
