import { Text, View } from '@tarojs/components'
import { COUNT_LABELS, boostText, inviteeTotal, milestonePercent, milestoneText } from '@/lib/invite-text'
import type { MyInvite } from '@/store/invite'

/** The next milestone (bar and what is left) and the check-in boost while it runs. */
export function MilestoneCard({ invite }: { invite: MyInvite }) {
  const next = milestoneText(invite)
  const boost = boostText(invite.checkinBoost)
  if (!next && !boost) return null
  return (
    <View className='card invite-milestone'>
      <Text className='card__title'>邀请里程碑</Text>
      {boost ? <Text className='invite-boost'>{boost}</Text> : null}
      {next && invite.nextMilestone ? (
        <View className='invite-milestone__next'>
          <View className='invite-milestone__head'>
            <Text className='invite-milestone-text'>{next}</Text>
            <Text className='invite-milestone-count'>{`${Math.min(invite.qualifiedTotal, invite.nextMilestone.qualified)}/${invite.nextMilestone.qualified}`}</Text>
          </View>
          <View className='invite-progress'>
            <View className='invite-progress__bar' style={{ width: `${milestonePercent(invite)}%` }} />
          </View>
        </View>
      ) : null}
    </View>
  )
}

/** How many invitees are at each step; left out until someone joined. */
export function StatusCounts({ counts }: { counts: MyInvite['counts'] }) {
  if (inviteeTotal(counts) === 0) return null
  return (
    <View className='card invite-counts'>
      {COUNT_LABELS.map(({ key, label }) => (
        <View key={key} className={`invite-count invite-count--${key}`}>
          <Text className='invite-count__value'>{counts[key]}</Text>
          <Text className='invite-count__label'>{label}</Text>
        </View>
      ))}
    </View>
  )
}
