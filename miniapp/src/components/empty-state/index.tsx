import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.scss'

interface Props {
  title: string
  description?: string
  className?: string
  /** A way out, e.g. a link to where such things come from. */
  children?: ReactNode
}

/** An honest "nothing here yet" block (no remote illustration: the page works offline). */
export function EmptyState({ title, description, className = '', children }: Props) {
  return (
    <View className={`empty-state ${className}`}>
      <View className='empty-state__icon' />
      <Text className='empty-state__title'>{title}</Text>
      {description ? <Text className='empty-state__description'>{description}</Text> : null}
      {children ? <View className='empty-state__action'>{children}</View> : null}
    </View>
  )
}
