import { maskPhone } from './phone'

describe('maskPhone', () => {
  it.each([
    ['13800000000', '138****0000'],
    ['+86 139-1234-5678', '861****5678'],
    ['12345', '*****'],
  ])('masks %s as %s', (input, masked) => expect(maskPhone(input)).toBe(masked))
})
