import { staffRoleLabels } from './roles'

describe('staffRoleLabels', () => {
  it.each([
    [['member'], []],
    [['member', 'clerk'], ['员工']],
    [['admin', 'manager', 'member'], ['店长', '管理员']],
  ] as const)('labels %j as %j', (roles, labels) => {
    expect(staffRoleLabels(roles).map((r) => r.label)).toEqual(labels)
  })
})
