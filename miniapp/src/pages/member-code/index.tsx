import { Text, View } from '@tarojs/components'
import { LoadFailed } from '@/components/load-state'
import { Barcode, QrCode, barcodeModuleToFit } from '@/components/scan-codes'
import { Skeleton } from '@/components/ui'
import { memberCodeView, type MemberCodeSecret } from '@/lib/member-code'
import { useFullBrightness } from '@/lib/screen-brightness'
import { systemClock, useNow, type Clock } from '@/lib/use-now'
import { cardContentWidth } from '@/lib/window-width'
import { useMemberCodeSecret } from './use-member-code'
import './index.scss'

/** 会员码: the rotating code the till scans, as barcode, QR code and digits; works offline once cached. */
export default function MemberCodePage({ clock = systemClock }: { clock?: Clock }) {
  const state = useMemberCodeSecret()
  useFullBrightness()
  const { secret, error } = state
  return (
    <View className='page member-code'>
      <View className='card member-code__card'>
        <View className='member-code__head'>
          <Text className='card__title member-code__title'>会员码</Text>
          {state.offline ? <Text className='member-code-offline'>离线</Text> : null}
        </View>
        <Text className='muted member-code__hint'>结账时向店员出示，积分与优惠自动计入</Text>
        {secret ? (
          <LiveCode secret={secret} clock={clock} />
        ) : error ? (
          <LoadFailed block='member-code' layout='stacked' what='会员码' phrase='unavailable' error={error} onRetry={state.refresh} />
        ) : (
          <Skeleton rows={4} animated />
        )}
      </View>
      {secret ? (
        <Text className='member-code-rotate' onClick={() => void state.rotate()}>
          会员码泄露了？更换会员码
        </Text>
      ) : null}
    </View>
  )
}

/** Recomputed every second; the code itself changes once per step. */
function LiveCode({ secret, clock }: { secret: MemberCodeSecret; clock: Clock }) {
  const view = memberCodeView(secret, useNow(clock))
  return (
    <View className='member-code__codes'>
      <Barcode className='member-code-barcode' digits={view.code} module={barcodeModuleToFit(view.code, cardContentWidth())} />
      <Text className='member-code-digits'>{view.formatted}</Text>
      <QrCode className='member-code-qr' text={view.code} />
      <Text className='member-code-countdown'>
        {view.secondsLeft} 秒后自动更新
      </Text>
    </View>
  )
}
