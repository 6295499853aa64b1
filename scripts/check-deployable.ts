import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { templateProblems } from './serverless/deployable'
import { checkRoles } from './lib/role-check'
import { readZip } from './lib/zip'

/**
 * `npm test`, after `serverless package --stage prod`: the deployable template and bundles in
 * `.serverless/`. Each function has its own role granting exactly the DynamoDB actions its
 * bundle uses and reading only its stage's secret parameters; no function carries plain secrets
 * or is the dev login. Then `serverless print` shows that `--stage test` has no dev login either
 * and that the local stack's build folder is not the package's.
 */
const ROOT = resolve(__dirname, '..')
const DIR = join(ROOT, '.serverless')

function bundleOf(fn: string): string {
  const files = readZip(readFileSync(join(DIR, `${fn}.zip`)))
  // Only code: source maps carry whole source files, tree-shaken parts included.
  return [...files].filter(([name]) => /\.[cm]?js$/.test(name)).map(([, data]) => data.toString('utf8')).join('\n')
}

/** The resolved serverless.yml for a stage, with or without the local-stack flag. */
function printed(stage: string, localStack: boolean): any {
  const env: NodeJS.ProcessEnv = { ...process.env, SLS_TELEMETRY_DISABLED: '1' }
  if (localStack) env.SIYU_LOCAL_STACK = '1'
  else delete env.SIYU_LOCAL_STACK
  const res = spawnSync('npx', ['serverless', 'print', '--stage', stage, '--format', 'json'], { cwd: ROOT, env, encoding: 'utf8' })
  if (res.status !== 0) throw new Error(`serverless print --stage ${stage} failed:\n${res.stderr}`)
  return JSON.parse(res.stdout)
}

function printProblems(): string[] {
  const plain = printed('test', false)
  const local = printed('test', true)
  const problems: string[] = []
  if ('authDev' in plain.functions) problems.push('serverless.yml resolves authDev (dev login) for --stage test without the local-stack flag')
  if (!('authDev' in local.functions)) problems.push('the local stack (SIYU_LOCAL_STACK=1) has no authDev: dev login would be gone locally')
  const [packageFolder, localFolder] = [plain, local].map((c) => c.custom?.esbuild?.outputWorkFolder ?? '.esbuild')
  if (packageFolder === localFolder) problems.push(`the package and the local stack build in the same folder (${packageFolder}): a package would delete the running stack's handlers`)
  return problems
}

const template = JSON.parse(readFileSync(join(DIR, 'cloudformation-template-update-stack.json'), 'utf8'))
const stage = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function')?.Properties.Environment?.Variables?.STAGE ?? 'prod'
const roles = checkRoles(template, stage, bundleOf)
const problems = [...templateProblems(template, stage), ...roles.problems, ...printProblems()]
console.log(JSON.stringify({ check: 'deployable-template', stage, functions: roles.grants.length, problems: problems.length }))
for (const p of problems) console.error(`  - ${p}`)
process.exit(problems.length ? 1 : 0)
