// @ts-check
/**
 * What serverless.yml resolves differently for the local stack. `npm start` and the browser
 * tests (scripts/lib/stack.ts) set SIYU_LOCAL_STACK=1 for serverless-offline; `serverless
 * package`/`deploy` run without it (the siyu-guard plugin refuses them with it), so nothing
 * here can reach a deployable template, whatever the stage is called.
 */
const isLocalStack = () => process.env.SIYU_LOCAL_STACK === '1'

module.exports = {
  /** Dev login: log in as any openid. Local stack only; the handler also refuses without the flag. */
  functions: () =>
    isLocalStack()
      ? {
          authDev: {
            handler: 'functions/src/members/handlers/auth-dev.handler',
            events: [{ httpApi: { method: 'POST', path: '/v1/auth/dev' } }],
          },
        }
      : {},
  /**
   * serverless-esbuild's work folder: `serverless package` deletes its folder when done, so the
   * offline build (which serverless-offline loads handlers from) must not share it.
   */
  esbuildWorkFolder: () => (isLocalStack() ? '.esbuild-local' : '.esbuild-package'),
}
