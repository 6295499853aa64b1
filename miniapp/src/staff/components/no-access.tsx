import { EmptyState } from '@/components/empty-state'
import { Button } from '@/components/ui'
import { goProfile } from '@/lib/nav'

/** What a member without the needed role sees on a staff page reached by its address. */
export function NoAccess({ who = '门店员工和店长' }: { who?: string }) {
  return (
    <EmptyState className='staff-no-access' title='无权限' description={`此页面仅限${who}使用。如果你是门店员工，请联系管理员开通。`}>
      <Button className='staff-no-access-back' size='small' onClick={goProfile}>
        返回我的
      </Button>
    </EmptyState>
  )
}
