/**
 * `@tarojs/components` for jest: the few components the app uses as plain DOM elements, with
 * Taro's event shapes (`e.detail.value`) so handlers run unchanged.
 */
import type { CSSProperties, ReactNode } from 'react'

interface Base {
  className?: string
  children?: ReactNode
}
type Detail<T> = { detail: T }
type Tappable = Base & { onClick?: () => void }

export const View = ({ className, children, onClick, style }: Tappable & { style?: CSSProperties }) => (
  <div className={className} onClick={onClick} style={style}>
    {children}
  </div>
)
export const Text = ({ className, children, onClick }: Tappable) => (
  <span className={className} onClick={onClick}>
    {children}
  </span>
)
export const Image = ({ className, src }: Base & { src: string }) => <img className={className} src={src} alt='' />

export const Button = ({ className, children, disabled, onClick, openType }: Base & { disabled?: boolean; onClick?: () => void; openType?: string }) => (
  <button type='button' className={className} disabled={disabled} data-open-type={openType} onClick={onClick}>
    {children}
  </button>
)

export const Input = (props: Base & { value?: string; placeholder?: string; maxlength?: number; onInput?: (e: Detail<{ value: string }>) => void }) => (
  <input
    className={props.className}
    value={props.value}
    placeholder={props.placeholder}
    maxLength={props.maxlength}
    onChange={(e) => props.onInput?.({ detail: { value: e.target.value } })}
  />
)

export const Textarea = (props: Base & { value?: string; placeholder?: string; maxlength?: number; onInput?: (e: Detail<{ value: string }>) => void }) => (
  <textarea
    className={props.className}
    value={props.value}
    placeholder={props.placeholder}
    maxLength={props.maxlength}
    onChange={(e) => props.onInput?.({ detail: { value: e.target.value } })}
  />
)

/** A date picker as a native date input (change it with fireEvent.change). */
export const Picker = (props: Base & { value?: string; disabled?: boolean; onChange?: (e: Detail<{ value: string }>) => void }) => (
  <label className={props.className}>
    <input type='date' value={props.value} disabled={props.disabled} onChange={(e) => props.onChange?.({ detail: { value: e.target.value } })} />
    {props.children}
  </label>
)
