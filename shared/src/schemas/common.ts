import { z } from 'zod'
import { unsafeTextMessage, unsafeTextReason } from '../rules/free-text'

/** Branded ids: a StoreId cannot be passed where a MemberId is expected. */
export const MemberId = z.string().regex(/^m_[0-9a-z]{10,40}$/, '会员编号格式不正确').brand<'MemberId'>()
export type MemberId = z.infer<typeof MemberId>

export const StoreId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '门店编号格式不正确').brand<'StoreId'>()
export type StoreId = z.infer<typeof StoreId>

export const Role = z.enum(['member', 'clerk', 'manager', 'admin'])
export type Role = z.infer<typeof Role>

/** A calendar date (business dates are Asia/Shanghai dates). */
export const IsoDate = z.iso.date()
export type IsoDate = z.infer<typeof IsoDate>

/** Stored timestamps are ISO-8601 UTC. */
export const Timestamp = z.iso.datetime()
export type Timestamp = z.infer<typeof Timestamp>

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. request.invalid' }),
      message: z.string().meta({ description: 'Human-readable message (zh-CN)' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' })
export type ErrorBody = z.infer<typeof ErrorBody>

export const Empty = z.object({}).strict()

/** An opaque page cursor, exactly as a previous page's `nextCursor` gave it. */
export const Cursor = z.string().max(400).regex(/^[A-Za-z0-9_-]+$/, '分页参数无效')

/**
 * Free text a person typed (a nickname…): trimmed, normalised to NFC, refused with a clear
 * message if it holds control or bidi-override characters or lone surrogates, 1–`max` characters.
 */
export const PersonText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .normalize('NFC')
    .superRefine((text, ctx) => {
      const reason = unsafeTextReason(text)
      if (reason) ctx.addIssue({ code: 'custom', message: unsafeTextMessage(label, reason) })
    })
    .min(1, `${label}不能为空`)
    .max(max, `${label}最多 ${max} 个字符`)
