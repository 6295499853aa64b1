/**
 * Stand-ins for the NutUI components in `src/components/ui.ts` (use with
 * `jest.mock('@/components/ui', () => require('../../../test/ui-mock'))`): same props, plain DOM.
 */
import type { ReactNode } from 'react'

interface Base {
  className?: string
  children?: ReactNode
}

export const Button = ({ className, children, disabled, loading, onClick, openType }: Base & { disabled?: boolean; loading?: boolean; onClick?: () => void; openType?: string }) => (
  <button type='button' className={`nut-button ${className ?? ''}`} disabled={disabled || loading} data-open-type={openType} onClick={onClick}>
    {children}
  </button>
)

export const Switch = ({ className, checked, disabled, onChange }: Base & { checked?: boolean; disabled?: boolean; onChange?: (value: boolean) => void }) => (
  <input type='checkbox' role='switch' className={className} checked={checked} disabled={disabled} onChange={(e) => onChange?.(e.target.checked)} />
)

export const Skeleton = () => <div className='nut-skeleton' />

export const Tag = ({ className, children }: Base) => <span className={className}>{children}</span>
