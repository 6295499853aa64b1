import { staffRoleLabels, tillRoleOf } from './roles'

describe('staffRoleLabels', () => {
  it.each([
    [['member'], []],
    [['member', 'clerk'], ['员工']],
    [['admin', 'manager', 'member'], ['店长', '管理员']],
  ] as const)('labels %j as %j', (roles, labels) => {
    expect(staffRoleLabels(roles).map((r) => r.label)).toEqual(labels)
  })
})

describe('tillRoleOf', () => {
  it.each([
    [['member'], null],
    [['member', 'admin'], null],
    [['member', 'clerk'], 'clerk'],
    [['member', 'clerk', 'manager'], 'manager'],
  ] as const)('gives %j the till role %j', (roles, role) => {
    expect(tillRoleOf(roles)).toBe(role)
  })
})
