import { ProgramRules } from '@siyu/shared/rules/program-rules'
import { boundText, parseFieldText } from './field-text'
import { LISTS, SECTION_TITLES, TABS, fieldAt, tabOf, type FieldDef, type TabKey } from './fields'
import { toPath, type Segment } from './paths'

/** The document being edited: the rules without their version, any value possibly mistyped. */
export type Draft = Omit<ProgramRules, 'version'>

/** One problem, attached to what the operator can fix: a field, a list, or a section. */
export interface RuleIssue {
  /** The field's path (`tiers[1].thresholdFen`), a list (`tiers`) or a section (`checkin`). */
  key: string
  /** Where it is, in words: 等级 › 等级 2 › 门槛. */
  label: string
  message: string
  tab: TabKey | undefined
}

export interface DraftCheck {
  /** The parsed document (defaults applied) when there is nothing to fix. */
  rules: ProgramRules | null
  issues: RuleIssue[]
  /** The first message for each key, for the field that shows it. */
  byKey: Record<string, string>
}

/** The part of a zod issue the messages need. */
export interface SchemaIssue {
  code: string
  path: readonly PropertyKey[]
  message: string
  origin?: string
  minimum?: number | bigint
  maximum?: number | bigint
  inclusive?: boolean
}

/** The nearest thing on the form an issue path belongs to: a field, else a list, else its section. */
export function anchorOf(path: readonly PropertyKey[]): string {
  for (let i = path.length; i > 1; i--) {
    const key = toPath(path.slice(0, i))
    if (fieldAt(key) || key in LISTS) return key
  }
  return path.length ? String(path[0]) : ''
}

export function anchorLabel(key: string): string {
  const tab = TABS.find((t) => t.key === tabOf(key))?.title
  const own = fieldAt(key)?.label ?? (key in LISTS ? LISTS[key as keyof typeof LISTS].label : (SECTION_TITLES[key] ?? (key || '规则')))
  return tab && tab !== own ? `${tab} › ${own}` : own
}

/** zod's issue in the operator's words, with bounds in the field's unit (元, 天). */
export function issueMessage(issue: SchemaIssue, field: FieldDef | undefined): string {
  const n = Number(issue.minimum ?? issue.maximum ?? 0)
  const bound = field ? boundText(field.kind, field.unit, n) : String(n)
  switch (issue.code) {
    case 'custom':
      return issue.message
    case 'invalid_type':
      return field?.kind === 'text' ? '请填写' : '请输入整数'
    case 'too_small':
      if (issue.origin === 'string') return n <= 1 ? '请填写' : `至少 ${n} 个字`
      if (issue.origin === 'array') return `至少需要 ${n} 项`
      return issue.inclusive === false ? `须大于 ${bound}` : `不能小于 ${bound}`
    case 'too_big':
      if (issue.origin === 'string') return `最多 ${n} 个字`
      if (issue.origin === 'array') return `最多 ${n} 项`
      return issue.inclusive === false ? `须小于 ${bound}` : `不能大于 ${bound}`
    default:
      return '取值无效'
  }
}

/**
 * Checks the whole edited document with the server's schema. `texts` are the inputs as typed:
 * one that is not a number is reported in its own words rather than as zod's type error.
 */
export function checkDraft(draft: Draft, texts: Record<string, string>, version: number): DraftCheck {
  const issues: RuleIssue[] = []
  const byKey: Record<string, string> = {}
  const add = (key: string, message: string) => {
    if (byKey[key]) return
    byKey[key] = message
    issues.push({ key, label: anchorLabel(key), message, tab: tabOf(key) })
  }
  for (const [path, text] of Object.entries(texts)) {
    const field = fieldAt(path)
    const parsed = field ? parseFieldText(field.kind, text) : null
    if (parsed && !parsed.ok) add(path, parsed.message)
  }
  const result = ProgramRules.safeParse({ ...draft, version })
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = anchorOf(issue.path as Segment[])
      add(key, issueMessage(issue as SchemaIssue, fieldAt(key)))
    }
  }
  return { rules: result.success && !issues.length ? result.data : null, issues, byKey }
}

