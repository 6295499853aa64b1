import { Text, View } from '@tarojs/components'
import { Button } from '@/components/ui'
import { TextField } from '../components/form-fields'
import { fieldText } from './field-text'
import { LISTS, type FieldDef, type ListKey } from './fields'
import { getAt, pathClass } from './paths'
import type { RulesEditor } from './use-rules-editor'

/**
 * One rules field: its input has the class `console-rules-field--{path}` on its row
 * (`console-rules-field--earning-pointsPerYuan`), the schema's issue shown under it.
 */
export function RuleField({ editor, def }: { editor: RulesEditor; def: FieldDef }) {
  const name = `console-rules-field--${pathClass(def.path)}`
  return (
    <TextField
      name={name}
      label={def.label}
      unit={def.unit}
      hint={def.hint}
      type={def.kind === 'text' ? 'text' : def.kind === 'yuan' ? 'digit' : 'number'}
      value={editor.textOf(def.path, (v) => fieldText(def.kind, v))}
      error={editor.check.byKey[def.path]}
      onInput={(text) => editor.setText(def.path, text)}
    />
  )
}

/** Scalar fields: one column on a phone, two at desktop width. */
export function RuleFields({ editor, defs }: { editor: RulesEditor; defs: readonly FieldDef[] }) {
  return (
    <View className='console-rules-fields'>
      {defs.map((d) => (
        <RuleField key={d.path} editor={editor} def={d} />
      ))}
    </View>
  )
}

/** An issue of a whole section or list (奖励日不能超过签到周期天数), shown above it. */
export function GroupIssue({ editor, at }: { editor: RulesEditor; at: string }) {
  const message = editor.check.byKey[at]
  return message ? <Text className={`console-error console-rules-issue console-rules-issue--${pathClass(at)}`}>{message}</Text> : null
}

interface ListProps {
  editor: RulesEditor
  list: ListKey
  /** A new row's values. */
  newItem: (items: unknown[]) => unknown
  /** The row's heading, e.g. the tier's name. */
  title?: (item: unknown, index: number) => string
  /** Rows that must stay (the ladder needs its first tier). */
  minItems?: number
}

/** A list edited row by row, with 添加 and 删除. */
export function RuleList({ editor, list, newItem, title, minItems = 0 }: ListProps) {
  const spec = LISTS[list]
  const items = (getAt(editor.draft, list) as unknown[] | undefined) ?? []
  const block = `console-rules-list--${pathClass(list)}`
  return (
    <View className={`console-rules-list ${block}`}>
      <Text className='console-rules-list__title'>{spec.label}</Text>
      <GroupIssue editor={editor} at={list} />
      {items.map((item, i) => (
        <View key={i} className={`console-rules-item ${block}__item`}>
          <View className='console-rules-item__head'>
            <Text className='console-rules-item__title'>{title ? title(item, i) : `${spec.item} ${i + 1}`}</Text>
            {items.length > minItems ? (
              <Button className={`console-rules-remove ${block}__remove`} size='small' fill='none' onClick={() => editor.removeItem(list, i)}>
                删除
              </Button>
            ) : null}
          </View>
          <View className='console-rules-fields'>
            {spec.fields.map((f) => (
              <RuleField key={f.path} editor={editor} def={{ ...f, path: `${list}[${i}].${f.path}` }} />
            ))}
          </View>
        </View>
      ))}
      <Button className={`console-rules-add ${block}__add`} size='small' onClick={() => editor.addItem(list, newItem(items))}>
        添加{spec.item}
      </Button>
    </View>
  )
}
