import { useMemo, useState } from 'react'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { diffRules } from '@siyu/shared/rules/rules-diff'
import type { RuleChange } from '@siyu/shared/schemas/console'
import { parseFieldText } from './field-text'
import { fieldAt, type ListKey } from './fields'
import { getAt, isUnder, setAt } from './paths'
import { checkDraft, type Draft, type DraftCheck } from './validate'

export interface RulesEditor {
  base: ProgramRules
  draft: Draft
  check: DraftCheck
  /** What saving would change against the current version (empty while there is something to fix). */
  changes: RuleChange[]
  /** Whether anything was edited (even if the edit is invalid or changes nothing). */
  edited: boolean
  /** The input's text: as typed, or the stored value shown in the field's unit. */
  textOf: (path: string, show: (value: unknown) => string) => string
  setText: (path: string, text: string) => void
  setValue: (path: string, value: unknown) => void
  addItem: (list: ListKey, item: unknown) => void
  removeItem: (list: ListKey, index: number) => void
}

export const withoutVersion = ({ version: _version, ...rules }: ProgramRules): Draft => rules

/** The edited copy of the rules document, checked with the server's schema on every change. */
export function useRulesEditor(base: ProgramRules): RulesEditor {
  const [initial] = useState<Draft>(() => withoutVersion(base))
  const [draft, setDraft] = useState<Draft>(initial)
  const [texts, setTexts] = useState<Record<string, string>>({})
  const check = useMemo(() => checkDraft(draft, texts, base.version), [draft, texts, base.version])
  const changes = useMemo(() => (check.rules ? diffRules(base, check.rules) : []), [base, check.rules])
  // Every edit replaces the draft object, so an untouched draft is still the first one.
  const edited = draft !== initial

  function setText(path: string, text: string) {
    const parsed = parseFieldText(fieldAt(path)?.kind ?? 'int', text)
    setTexts((t) => ({ ...t, [path]: text }))
    // A mistyped value is kept as typed: the schema then refuses the document until it is fixed.
    setDraft((d) => setAt(d, path, parsed.ok ? parsed.value : text))
  }

  /** Rows moved: the typed texts of the list's items no longer match their paths. */
  function changeList(list: ListKey, next: (items: unknown[]) => unknown[]) {
    setTexts((t) => Object.fromEntries(Object.entries(t).filter(([p]) => !isUnder(p, list))))
    setDraft((d) => setAt(d, list, next((getAt(d, list) as unknown[] | undefined) ?? [])))
  }

  return {
    base, draft, check, changes, edited,
    textOf: (path, show) => texts[path] ?? show(getAt(draft, path)),
    setText,
    setValue: (path, value) => setDraft((d) => setAt(d, path, value)),
    addItem: (list, item) => changeList(list, (items) => [...items, item]),
    removeItem: (list, index) => changeList(list, (items) => items.filter((_, i) => i !== index)),
  }
}

