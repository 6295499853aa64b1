import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

/**
 * `npm test`: every check, in order of speed. Type checks; unit, mini-program and integration
 * tests (DynamoDB Local is started and stopped by the run); the deployable package (checked for
 * least-privilege roles and secrets by reference) and the weapp build with their size budgets;
 * then browser tests of the real H5 build.
 */
const ROOT = resolve(__dirname, '..')
const env = { ...process.env, SLS_TELEMETRY_DISABLED: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }

const steps: [string, string, string[], NodeJS.ProcessEnv?][] = [
  ['type check', 'npm', ['run', '--silent', 'typecheck']],
  ['unit, mini-program and integration tests', 'npx', ['jest', '--selectProjects', 'unit', 'miniapp', 'integration']],
  // No secrets: the template only names the SSM parameters functions read them from.
  ['serverless package (CloudFormation + bundles)', 'npx', ['serverless', 'package', '--stage', 'prod']],
  ['deployable template (a role per function, secrets by reference, no dev login)', 'npx', ['tsx', 'scripts/check-deployable.ts']],
  ['Lambda package sizes', 'npx', ['tsx', 'scripts/check-sizes.ts', 'lambda']],
  ['weapp build', 'npm', ['run', '--silent', 'build:weapp'], { NODE_ENV: 'production' }],
  ['weapp main-package size', 'npx', ['tsx', 'scripts/check-sizes.ts', 'weapp']],
  ['browser tests (H5 build in headless Chromium)', 'npx', ['jest', '--selectProjects', 'browser', '--runInBand']],
]

const only = process.argv.slice(2)
for (const [name, cmd, args, extraEnv] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue
  console.log(`\n▶ ${name}`)
  const started = Date.now()
  const { status } = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...env, ...extraEnv } })
  if (status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${status})`)
    process.exit(status ?? 1)
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}
