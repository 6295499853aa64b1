import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { DeadLetterReplayed } from '@siyu/shared/schemas/events'
import { deleteDeadLetter, findDeadLetter, putDeadLetter } from '../entities/dead-letter'
import { DomainError } from '../lib/errors'
import type { LedgerDeps } from '../ledger/post'
import { runReaction } from './consume'
import { reactionNamed } from './reactions'

/**
 * Runs a dead letter's reaction again (after the cause was fixed). Success marks the event handled
 * and removes the letter; another failure keeps it, with the attempt counted, and is a 409.
 */
export async function replayDeadLetter(deps: LedgerDeps, rules: ProgramRules, id: string): Promise<DeadLetterReplayed> {
  const letter = await findDeadLetter(deps.table, id)
  if (!letter) throw new DomainError('events.dead_letter_not_found', '该失败记录不存在（可能已重放成功）')
  const outcome = await runReaction(deps, rules, reactionNamed(letter.reaction), letter.event)
  if (!outcome.ok) {
    await putDeadLetter(deps.table, { event: letter.event, reaction: letter.reaction, error: outcome.error, attempts: outcome.attempts, at: deps.clock() })
    throw new DomainError('events.replay_failed', '重放仍然失败，请查看错误后再试', { error: outcome.error })
  }
  await deleteDeadLetter(deps.table, id)
  return { id, reaction: letter.reaction, eventId: letter.event.id, replayed: true }
}
