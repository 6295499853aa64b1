import type { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { bindKeptInviteIfLoggedIn } from '@/api'
import { keepInviteFrom } from '@/store/pending-invite'
import './app.scss'

/** Every open of the app (cold launch, or back from the background through a share) may carry `invite=CODE`. */
function opened(query: Record<string, unknown> | undefined) {
  keepInviteFrom(query)
  bindKeptInviteIfLoggedIn()
}

/** The app shell: pages render as children. Login happens lazily on the first API call. */
export default function App({ children }: PropsWithChildren) {
  useLaunch((options) => opened(options.query))
  useDidShow((options) => opened(options?.query))
  return children
}
