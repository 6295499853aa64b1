import { fireEvent, render } from '@testing-library/react'
import { ApiError } from '@/api/errors'
import { CardSkeletons, LoadFailed } from './index'

// The stand-in Skeleton, but showing how many lines it was asked for.
jest.mock('@/components/ui', () => ({
  ...jest.requireActual('../../../test/ui-mock'),
  Skeleton: ({ rows }: { rows: number }) => <div className='nut-skeleton' data-rows={rows} />,
}))

const unavailable = new ApiError('internal', 'x', 500)

describe('LoadFailed', () => {
  it.each([
    ['what failed and why', { what: '会员等级' }, '会员等级加载失败：服务暂时不可用，请稍后重试'],
    ['the softer phrase', { what: '签到记录', phrase: 'unavailable' as const }, '签到记录暂时无法加载：服务暂时不可用，请稍后重试'],
    ['only that loading failed when nothing is named', {}, '加载失败：服务暂时不可用，请稍后重试'],
  ])('says %s', (_, props, text) => {
    const { container } = render(<LoadFailed block='tier' error={unavailable} onRetry={jest.fn()} {...props} />)
    expect(container.querySelector('.tier-error__text')?.textContent).toBe(text)
  })

  it('names its classes after the block, with extra classes and a replaced text class', () => {
    const { container } = render(<LoadFailed block='staff-audit' className='card' textClassName='staff-form-error__text' what='操作记录' error={unavailable} onRetry={jest.fn()} />)
    expect(container.firstElementChild?.className).toBe('card staff-audit-error')
    expect(container.querySelector('.staff-audit-error__text')).toBeNull()
    expect(container.querySelector('.staff-form-error__text')?.textContent).toBe('操作记录加载失败：服务暂时不可用，请稍后重试')
  })

  it('takes the shared look of a layout, keeping the page’s own classes for its spacing', () => {
    const { container } = render(<LoadFailed block='tier' className='card' layout='row' error={unavailable} onRetry={jest.fn()} />)
    expect(container.firstElementChild?.className).toBe('card load-failed load-failed--row tier-error')
    expect(container.querySelector('.load-failed__text')?.className).toBe('load-failed__text tier-error__text')
  })

  it('retries when 重试 is tapped', () => {
    const onRetry = jest.fn(() => Promise.resolve())
    const { container } = render(<LoadFailed block='tier' error={unavailable} onRetry={onRetry} />)
    const retry = container.querySelector('.tier-retry')!
    expect(retry.textContent).toBe('重试')
    fireEvent.click(retry)
    expect(onRetry).toHaveBeenCalledTimes(1)
  })
})

describe('CardSkeletons', () => {
  it('wraps one skeleton card per entry in the given class', () => {
    const { container } = render(<CardSkeletons className='tier-loading' rows={[3, 5]} />)
    expect(container.firstElementChild?.className).toBe('tier-loading')
    const skeletons = container.querySelectorAll('.tier-loading > .card > .nut-skeleton')
    expect(Array.from(skeletons, (s) => s.getAttribute('data-rows'))).toEqual(['3', '5'])
  })

  it('leaves the cards unwrapped without a class', () => {
    const { container } = render(<CardSkeletons rows={[4]} />)
    expect(container.children).toHaveLength(1)
    expect(container.firstElementChild?.className).toBe('card')
  })
})
