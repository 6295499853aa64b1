import type { PropsWithChildren } from 'react'
import './app.scss'

/** The app shell: pages render as children. Login happens lazily on the first API call. */
export default function App({ children }: PropsWithChildren) {
  return children
}
