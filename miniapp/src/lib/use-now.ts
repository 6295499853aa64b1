import { useEffect, useState } from 'react'

export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/** The time now, updated every `intervalMs` (pass a fake clock in tests). */
export function useNow(clock: Clock = systemClock, intervalMs = 1000): Date {
  const [now, setNow] = useState(clock)
  useEffect(() => {
    setNow(clock())
    const id = setInterval(() => setNow(clock()), intervalMs)
    return () => clearInterval(id)
  }, [clock, intervalMs])
  return now
}
