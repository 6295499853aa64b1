/**
 * Shared vectors: the mini-program's tests (miniapp/src/lib/member-code.test.ts) and the backend's
 * (functions/src/member-code) run this same list, so both provably compute the same codes.
 */
export const MEMBER_CODE_VECTORS = [
  // RFC 6238 appendix B (SHA-1, secret "12345678901234567890"), truncated to 6 digits.
  { secret: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA', shortId: '10000001', at: '1970-01-01T00:00:59Z', code: '10000001287082' },
  { secret: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA', shortId: '10000001', at: '2005-03-18T01:58:29Z', code: '10000001081804' },
  { secret: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA', shortId: '10000001', at: '2009-02-13T23:31:30Z', code: '10000001005924' },
  { secret: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA', shortId: '23456789', at: '2033-05-18T03:33:20Z', code: '23456789279037' },
]
