import type { ReactNode } from 'react'
import { Input, Text, View } from '@tarojs/components'

interface Props {
  /** Names the field for styles and tests: `{name}-input`, `{name}-error`. */
  name: string
  label: string
  value: string
  onInput: (value: string) => void
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
  error?: string | null
  /** A hint under the field (a value preview, a limit). */
  hint?: ReactNode
  /** Beside the input, e.g. a unit or a quick-fill link. */
  suffix?: ReactNode
}

/** A labelled till input with its inline error. */
export function Field({ name, label, value, onInput, placeholder, type = 'text', maxlength, error, hint, suffix }: Props) {
  return (
    <View className={`staff-field ${name}${error ? ' staff-field--invalid' : ''}`}>
      <View className='staff-field__row'>
        <Text className='staff-field__label'>{label}</Text>
        <Input
          className={`staff-field__input ${name}-input`}
          type={type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
        />
        {suffix}
      </View>
      {error ? <Text className={`staff-field__error ${name}-error`}>{error}</Text> : null}
      {!error && hint ? <View className={`staff-field__hint ${name}-hint`}>{hint}</View> : null}
    </View>
  )
}
