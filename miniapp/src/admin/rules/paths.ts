/**
 * Paths into the rules document in the notation the server's diff uses (`earning.pointsPerYuan`,
 * `tiers[1].thresholdFen`), so a form field, a zod issue and a diff line name a value the same way.
 */
export type Segment = string | number

export function toSegments(path: string): Segment[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
}

export function toPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${String(s)}` : String(s)), '')
}

/** The top-level section a path is in (`tiers[1].code` → `tiers`). */
export const sectionOfPath = (path: string): string => String(toSegments(path)[0] ?? '')

export function getAt(doc: unknown, path: string): unknown {
  return toSegments(path).reduce<unknown>((node, s) => (node == null ? undefined : (node as Record<Segment, unknown>)[s]), doc)
}

/** A copy of `doc` with `value` at `path`; only the containers on the path are copied. */
export function setAt<T>(doc: T, path: string, value: unknown): T {
  const put = (node: unknown, [head, ...rest]: Segment[]): unknown => {
    const copy = (Array.isArray(node) ? [...(node as unknown[])] : { ...(node as object) }) as Record<Segment, unknown>
    copy[head] = rest.length ? put(copy[head], rest) : value
    return copy
  }
  return put(doc, toSegments(path)) as T
}

/** A class-safe name of a path: `tiers[1].thresholdFen` → `tiers-1-thresholdFen`. */
export const pathClass = (path: string): string => toSegments(path).join('-')

/** Whether a path is inside one of a list's items (`tiers[2].code` is under `tiers`). */
export const isUnder = (path: string, listPath: string): boolean => path.startsWith(`${listPath}[`)
