/** Masks a phone number for display: 13800000000 → 138****0000. Pure; no zod, safe for the app bundle. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (digits.length < 7) return '*'.repeat(digits.length)
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}
