import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { MemberSearchPage, PersonRef } from '@siyu/shared/schemas/console'
import { api, messageFor } from '@/api'
import { Button } from '@/components/ui'
import { personText } from '../lib/format'

interface Props {
  /**
   * Classes: the picker `{name}`, its input `{name}-input`, `{name}-search`, each result
   * `{name}__option`, the chosen member `{name}__chosen` with `{name}-clear`, errors `{name}-error`.
   */
  name: string
  value: PersonRef | null
  onChange: (member: PersonRef | null) => void
}

/** Finds a member by phone, member code or nickname (the console's search) and picks one. */
export function MemberPicker({ name, value, onChange }: Props) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<MemberSearchPage['items'] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function search() {
    if (!q.trim()) return setError('请输入手机号、会员码或昵称')
    setBusy(true)
    setError(null)
    try {
      setFound((await api.call('searchMembers', { query: { q: q.trim(), limit: 10 } })).items)
    } catch (err) {
      setError(messageFor(err))
    } finally {
      setBusy(false)
    }
  }

  if (value) {
    return (
      <View className={`${name} ${name}--chosen console-picked`}>
        <Text className={`${name}__chosen`}>{personText(value)}</Text>
        <Text className={`console-link ${name}-clear`} onClick={() => onChange(null)}>
          清除
        </Text>
      </View>
    )
  }
  return (
    <View className={`${name} console-member-picker`}>
      <View className='console-input'>
        <Input className={`console-field__input ${name}-input`} value={q} placeholder='手机号、会员码或昵称' onInput={(e) => setQ(e.detail.value)} onConfirm={() => void search()} />
        <Button className={`${name}-search`} size='small' loading={busy} onClick={() => void search()}>
          查找
        </Button>
      </View>
      {error ? <Text className={`console-field__error ${name}-error`}>{error}</Text> : null}
      {found && !found.length ? <Text className={`console-field__hint ${name}-none`}>没有找到会员</Text> : null}
      {found?.length ? (
        <View className='console-member-picker__results'>
          {found.map((row) => (
            <Text
              key={row.member.id}
              className={`console-member-picker__option ${name}__option`}
              onClick={() => {
                onChange(row.member)
                setFound(null)
                setQ('')
              }}
            >
              {personText(row.member)}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
