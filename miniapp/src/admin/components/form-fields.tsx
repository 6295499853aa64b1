import type { ReactNode } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import './form-fields.scss'

interface RowProps {
  /** Names the field for styles and tests: the row has this class, its error `{name}-error`. */
  name: string
  label: string
  error?: string | null
  hint?: ReactNode
  children: ReactNode
}

/** A labelled console control (label over it on a phone, beside it at desktop width) with its inline error. */
export function FieldRow({ name, label, error, hint, children }: RowProps) {
  return (
    <View className={`console-field ${name}${error ? ' console-field--invalid' : ''}`}>
      <Text className='console-field__label'>{label}</Text>
      <View className='console-field__control'>
        {children}
        {error ? <Text className={`console-field__error ${name}-error`}>{error}</Text> : null}
        {!error && hint ? <Text className={`console-field__hint ${name}-hint`}>{hint}</Text> : null}
      </View>
    </View>
  )
}

interface TextProps extends Omit<RowProps, 'children'> {
  value: string
  onInput: (value: string) => void
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
  /** After the input, e.g. a unit (元, 张). */
  unit?: string
}

/** A labelled text input; the input has the class `{name}-input`. */
export function TextField({ value, onInput, placeholder, type = 'text', maxlength, unit, ...row }: TextProps) {
  return (
    <FieldRow {...row}>
      <View className='console-input'>
        <Input
          className={`console-field__input ${row.name}-input`}
          type={type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
        />
        {unit ? <Text className='console-input__unit'>{unit}</Text> : null}
      </View>
    </FieldRow>
  )
}

/** A Shanghai calendar date (YYYY-MM-DD) from the platform's date picker. */
export function DateInput({ name, value, onChange, start = '2020-01-01', end = '2099-12-31' }: { name: string; value: string; onChange: (date: string) => void; start?: string; end?: string }) {
  return (
    <Picker mode='date' className={`console-date ${name}`} value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='console-date__value'>
        <Text>{value || '选择日期'}</Text>
        <Text className='console-date__caret'>▾</Text>
      </View>
    </Picker>
  )
}

export interface Choice<T extends string> {
  value: T
  label: string
}

/**
 * A row of choices as tabs (`console-tabs`): `{name}__option` and `{name}__option--{value}` on
 * each, `console-tabs__tab--active` on the chosen ones. One or several may be active.
 */
export function Choices<T extends string>({ name, options, isActive, onPick }: { name: string; options: readonly Choice<T>[]; isActive: (value: T) => boolean; onPick: (value: T) => void }) {
  return (
    <View className={`console-tabs console-choices ${name}`}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`console-tabs__tab ${name}__option ${name}__option--${o.value}${isActive(o.value) ? ' console-tabs__tab--active' : ''}`}
          onClick={() => onPick(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}
