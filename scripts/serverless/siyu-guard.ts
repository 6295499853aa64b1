import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { secretParameterNames, secretsPathFor } from '../../functions/src/lib/config'
import {
  dropUnusedSharedRole,
  environmentProblems,
  parameterProblems,
  roleStatements,
  TABLE_ACTIONS,
  templateProblems,
  undeclaredFunctions,
} from './deployable'

/** The few parts of the Serverless Framework (v3 / osls) this plugin touches. */
export interface ServerlessLike {
  service: { functions: Record<string, Record<string, any>>; provider: { compiledCloudFormationTemplate: any } }
  configSchemaHandler: { defineFunctionProperties(provider: string, schema: object): void }
  getProvider(name: 'aws'): { getStage(): string; request(service: string, method: string, params: object): Promise<any> }
  classes: { Error: new (message: string) => Error }
}

/**
 * Fails the build closed. `serverless package`/`deploy` refuse to run with the local-stack flag
 * set, give every function its own role from its `tableActions` (roles made by
 * serverless-iam-roles-per-function, listed before this plugin), refuse a template that would
 * carry plain secrets, lack the SSM reference or offer dev login, and `deploy` first checks that
 * the stage's secret parameters exist in SSM.
 */
export class SiyuGuard {
  readonly hooks: Record<string, () => void | Promise<void>>

  constructor(
    private readonly serverless: ServerlessLike,
    private readonly options: { package?: string } = {},
  ) {
    serverless.configSchemaHandler.defineFunctionProperties('aws', {
      properties: { tableActions: { type: 'array', items: { enum: [...TABLE_ACTIONS] }, uniqueItems: true } },
    })
    this.hooks = {
      'before:package:initialize': () => this.refuse([...environmentProblems(process.env), ...undeclaredFunctions(this.functions)]),
      'after:package:compileFunctions': () => this.grantPerFunction(),
      // After serverless-iam-roles-per-function's hook of the same name (plugin order), before the template is written.
      'before:package:finalize': () => this.checkTemplate(),
      'before:deploy:deploy': () => this.checkBeforeDeploy(),
      'before:deploy:function:initialize': () => this.checkBeforeDeploy(),
    }
  }

  private get functions() {
    return this.serverless.service.functions
  }

  private get stage() {
    return this.serverless.getProvider('aws').getStage()
  }

  private refuse(problems: string[]): void {
    if (problems.length) throw new this.serverless.classes.Error(`siyu-guard refuses this package:\n  - ${problems.join('\n  - ')}`)
  }

  /** Per-function statements, which serverless-iam-roles-per-function turns into one role per function. */
  grantPerFunction(): void {
    for (const fn of Object.values(this.functions)) fn.iamRoleStatements = roleStatements(fn.tableActions ?? [], this.stage)
  }

  checkTemplate(): void {
    const template = this.serverless.service.provider.compiledCloudFormationTemplate
    dropUnusedSharedRole(template)
    this.refuse(templateProblems(template, this.stage))
  }

  /** Before CloudFormation sees anything: the package (built now or given with --package) and the parameters. */
  async checkBeforeDeploy(): Promise<void> {
    this.refuse(environmentProblems(process.env))
    if (this.options.package) {
      const template = JSON.parse(readFileSync(join(this.options.package, 'cloudformation-template-update-stack.json'), 'utf8'))
      this.refuse(templateProblems(template, this.stage))
    }
    const answer = await this.serverless
      .getProvider('aws')
      .request('SSM', 'getParameters', { Names: secretParameterNames(secretsPathFor(this.stage)), WithDecryption: false })
    const problems = parameterProblems(this.stage, answer)
    if (problems.length) {
      throw new this.serverless.classes.Error(`siyu-guard refuses to deploy: put the stage's secrets first (README → Deploy):\n  - ${problems.join('\n  - ')}`)
    }
  }
}
