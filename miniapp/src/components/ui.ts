/**
 * The NutUI components the app uses, each with only its own stylesheet (the global NutUI
 * stylesheet would add ~230 KB of wxss). Import UI components from here, not from NutUI.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button'
export { default as Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch'
export { default as Skeleton } from '@nutui/nutui-react-taro/dist/es/packages/skeleton'
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag'
