import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { RulesNotice } from '@siyu/shared/schemas/console'
import { dismissNotice, dismissedNoticeIds, noticeLine, showNoticeDetail } from '@/lib/rules-notice'
import './index.scss'

interface Props {
  notices: readonly RulesNotice[] | undefined
  /** The page's block: each notice is `{block}`, its text `{block}__text`, its close `{block}__close`. */
  block: string
  /** With a close button; a dismissed notice stays hidden (remembered by id) until another arrives. */
  dismissable?: boolean
}

/** Announced rule changes not applied yet: a tap shows the notice and every change. */
export function RulesNotices({ notices, block, dismissable = false }: Props) {
  const [dismissed, setDismissed] = useState(dismissedNoticeIds)
  const shown = (notices ?? []).filter((n) => !dismissable || !dismissed.includes(n.id))
  if (!shown.length) return null
  return (
    <>
      {shown.map((n) => (
        <View key={n.id} className={`rules-notice ${block}`} onClick={() => showNoticeDetail(n)}>
          <Text className={`rules-notice__text ${block}__text`}>{noticeLine(n)}</Text>
          {dismissable ? (
            <Text
              className={`rules-notice__close ${block}__close`}
              onClick={(e?: { stopPropagation?: () => void }) => {
                e?.stopPropagation?.()
                setDismissed(dismissNotice(n.id, notices ?? []))
              }}
            >
              ×
            </Text>
          ) : null}
        </View>
      ))}
    </>
  )
}
