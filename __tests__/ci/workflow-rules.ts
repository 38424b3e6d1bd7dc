/**
 * Rules for GitHub Actions workflows that deploy infrastructure, as pure functions over the workflow
 * text: each returns the problems it finds (empty = compliant), phrased for the person fixing them.
 * __tests__/ci/workflow.test.ts applies them to .github/workflows/ and proves each can fail.
 */
import { parseDocument } from 'yaml';

/** A workflow step (the fields the rules read). */
export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}

/** A workflow job (the fields the rules read). */
export interface Job {
  readonly name?: string;
  readonly needs?: string | string[];
  readonly if?: string;
  readonly permissions?: unknown;
  readonly environment?: string | { readonly name?: string };
  readonly concurrency?: string | { readonly group?: string; readonly 'cancel-in-progress'?: unknown };
  readonly env?: Record<string, unknown>;
  readonly steps?: Step[];
  readonly uses?: string;
}

/** A parsed workflow with its source text (comments carry the pinned versions). */
export interface Workflow {
  readonly text: string;
  readonly on: Record<string, unknown>;
  readonly permissions?: unknown;
  readonly env?: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

/** Parses a workflow; throws with every YAML error (duplicate keys included). */
export function parseWorkflow(text: string): Workflow {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) throw new Error(`invalid YAML:\n${document.errors.map((e) => e.message).join('\n')}`);
  const data = document.toJS() as Record<string, unknown>;
  const on = typeof data.on === 'string' ? { [data.on]: null } : Array.isArray(data.on) ? Object.fromEntries(data.on.map((t: string) => [t, null])) : (data.on as Record<string, unknown>);
  return { text, on: on ?? {}, permissions: data.permissions, env: data.env as Record<string, unknown> | undefined, jobs: (data.jobs ?? {}) as Record<string, Job> };
}

function stepsOf(workflow: Workflow): { jobId: string; step: Step; where: string }[] {
  return Object.entries(workflow.jobs).flatMap(([jobId, job]) => (job.steps ?? []).map((step, i) => ({ jobId, step, where: `jobs.${jobId}.steps[${i}]${step.name ? ` (${step.name})` : ''}` })));
}

function actionName(uses: string): string {
  return uses.split('@')[0].toLowerCase();
}

const isAwsLogin = (step: Step) => !!step.uses && actionName(step.uses) === 'aws-actions/configure-aws-credentials';
const isAzureLogin = (step: Step) => !!step.uses && actionName(step.uses) === 'azure/login';
const runs = (job: Job, pattern: RegExp) => (job.steps ?? []).some((s) => typeof s.run === 'string' && pattern.test(s.run));

/** Commands that change cloud resources: their jobs are deploy jobs. */
export const DEPLOY_COMMAND = /\b(cdktf|terraform)\s+(deploy|apply|destroy)\b/;

/**
 * Every action is pinned to a full commit SHA with its exact release in a trailing comment
 * (`uses: owner/repo@<40 hex> # v1.2.3`), and one action is pinned the same way everywhere.
 * Local actions (`./…`) need no pin; `docker://` images need a sha256 digest.
 */
export function unpinnedActions(workflow: Workflow): string[] {
  const problems: string[] = [];
  const comments = new Map<string, string[]>();
  for (const match of workflow.text.matchAll(/^\s*(?:-\s+)?uses:\s*['"]?([^\s'"#]+)['"]?[ \t]*(?:#[ \t]*(.*))?$/gm)) {
    comments.set(match[1], [...(comments.get(match[1]) ?? []), (match[2] ?? '').trim()]);
  }
  const pins = new Map<string, Set<string>>();
  const uses = [
    ...stepsOf(workflow).map(({ step, where }) => ({ uses: step.uses, where })),
    ...Object.entries(workflow.jobs).map(([jobId, job]) => ({ uses: job.uses, where: `jobs.${jobId}` })),
  ].filter((u): u is { uses: string; where: string } => typeof u.uses === 'string');
  for (const { uses: ref, where } of uses) {
    if (ref.startsWith('./')) continue;
    if (ref.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(ref)) problems.push(`${where}: ${ref} must be pinned by digest (docker://image@sha256:…)`);
      continue;
    }
    const [, sha] = ref.split('@');
    if (!sha || !/^[0-9a-f]{40}$/.test(sha)) {
      problems.push(`${where}: ${ref} is not pinned to a full commit SHA (tags and branches can be moved); use owner/repo@<40-hex SHA> # vX.Y.Z`);
      continue;
    }
    const versions = comments.get(ref) ?? [''];
    if (versions.some((v) => !/^v\d+\.\d+\.\d+$/.test(v))) problems.push(`${where}: ${ref} needs a trailing "# vX.Y.Z" comment naming the exact release the SHA belongs to`);
    const name = actionName(ref);
    pins.set(name, new Set([...(pins.get(name) ?? []), ...versions.map((v) => `${sha} # ${v}`)]));
  }
  for (const [name, variants] of pins) {
    if (variants.size > 1) problems.push(`${name} is pinned in different ways (${[...variants].join(' | ')}); pin it once, the same everywhere`);
  }
  return problems;
}

const WRITE_SCOPE_USES: Record<string, { readonly why: string; readonly usedBy: (job: Job) => boolean }> = {
  'id-token': { why: 'OIDC federation (a cloud login step)', usedBy: (job) => (job.steps ?? []).some((s) => isAwsLogin(s) || isAzureLogin(s)) },
  'security-events': { why: 'a SARIF upload', usedBy: (job) => (job.steps ?? []).some((s) => !!s.uses && /^github\/codeql-action\/upload-sarif$/.test(actionName(s.uses))) },
  'pull-requests': { why: 'a pull request comment', usedBy: (job) => runs(job, /\bgh\s+pr\s+comment\b/) },
};

/**
 * Least privilege: the workflow grants nothing by default, every job lists its own scopes, and each
 * `write` scope is one that job uses (OIDC login, SARIF upload, PR comment); no other write scope.
 */
export function permissionProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const top = workflow.permissions;
  if (top === undefined) problems.push('the workflow has no top-level `permissions:`; set `permissions: {}` so jobs start with none');
  else if (typeof top === 'string' || Object.values(top as object).some((v) => v === 'write')) problems.push(`top-level permissions grant ${JSON.stringify(top)}; grant nothing at the top and scopes per job`);
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    if (job.permissions === undefined) {
      problems.push(`jobs.${jobId} has no \`permissions:\`; list the scopes it needs (e.g. contents: read)`);
      continue;
    }
    if (typeof job.permissions !== 'object' || job.permissions === null) {
      problems.push(`jobs.${jobId} grants ${JSON.stringify(job.permissions)}; list individual scopes instead`);
      continue;
    }
    for (const [scope, level] of Object.entries(job.permissions)) {
      if (level !== 'write') continue;
      const rule = WRITE_SCOPE_USES[scope];
      if (!rule) problems.push(`jobs.${jobId} grants ${scope}: write, which no job of this workflow needs`);
      else if (!rule.usedBy(job)) problems.push(`jobs.${jobId} grants ${scope}: write but has no ${rule.why}`);
    }
  }
  return problems;
}

/** Triggers that run with write tokens or secrets on code from outside the repository are not used. */
export function triggerProblems(workflow: Workflow): string[] {
  return ['pull_request_target', 'workflow_run', 'issue_comment'].filter((t) => t in workflow.on).map((t) => `the workflow is triggered by ${t}, which runs untrusted code with a privileged token; use pull_request`);
}

/**
 * Cloud logins use OIDC federation only: AWS by `role-to-assume` (no access keys), Azure by client,
 * tenant and subscription IDs (no `creds`, no client secret) with ARM_USE_OIDC=true for Terraform.
 */
export function cloudLoginProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const { jobId, step, where } of stepsOf(workflow)) {
    const inputs = step.with ?? {};
    if (isAwsLogin(step)) {
      if (!inputs['role-to-assume']) problems.push(`${where}: AWS login without role-to-assume; federate with OIDC`);
      for (const key of ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']) if (key in inputs) problems.push(`${where}: AWS login with ${key}; use OIDC (role-to-assume) instead of stored keys`);
    }
    if (isAzureLogin(step)) {
      for (const key of ['client-id', 'tenant-id', 'subscription-id']) if (!inputs[key]) problems.push(`${where}: Azure login without ${key} (OIDC federated identity)`);
      for (const key of ['creds', 'client-secret']) if (key in inputs) problems.push(`${where}: Azure login with ${key}; use a federated credential instead of a secret`);
      const job = workflow.jobs[jobId];
      const envs = [workflow.env, job.env, ...(job.steps ?? []).map((s) => s.env)];
      if (!envs.some((env) => env?.ARM_USE_OIDC === 'true')) {
        problems.push(`jobs.${jobId}: Azure login without ARM_USE_OIDC: 'true', so Terraform's azurerm provider and backend would not use the OIDC token`);
      }
    }
  }
  return problems;
}

/**
 * Deploy jobs (those running `cdktf deploy` / `terraform apply`) run only for pushes to main, after the
 * policy check, in a protected environment, one at a time per environment, with OIDC credentials.
 */
export function deployJobProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const policyJobs = Object.entries(workflow.jobs).filter(([, job]) => runs(job, /secure-rdp-hosts\s+check\b/)).map(([id]) => id);
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    if (!runs(job, DEPLOY_COMMAND)) continue;
    const where = `jobs.${jobId}`;
    const environment = typeof job.environment === 'string' ? job.environment : job.environment?.name;
    if (!environment) problems.push(`${where} deploys without an \`environment:\`; put it behind a protected environment with required reviewers`);
    const condition = job.if ?? '';
    if (!/github\.event_name\s*==\s*'push'/.test(condition) || !/github\.ref\s*==\s*'refs\/heads\/main'/.test(condition)) {
      problems.push(`${where} must run only for pushes to main: if: github.event_name == 'push' && github.ref == 'refs/heads/main'`);
    }
    const needs = ([] as string[]).concat(job.needs ?? []);
    if (!policyJobs.some((id) => needs.includes(id))) problems.push(`${where} must need the policy check job (${policyJobs.join(', ') || 'none found'})`);
    const concurrency = typeof job.concurrency === 'string' ? { group: job.concurrency } : job.concurrency;
    if (environment && !concurrency?.group?.includes(environment)) problems.push(`${where} needs a concurrency group per environment (a group containing ${environment})`);
    if (environment && concurrency && concurrency['cancel-in-progress'] !== false) problems.push(`${where}: concurrency must set cancel-in-progress: false (a cancelled apply leaves state locked and half-applied)`);
    const permissions = (job.permissions ?? {}) as Record<string, string>;
    if (permissions['id-token'] !== 'write' || !(job.steps ?? []).some((s) => isAwsLogin(s) || isAzureLogin(s))) problems.push(`${where} must log in to the cloud by OIDC (id-token: write and a cloud login step)`);
    for (const step of job.steps ?? []) {
      if (typeof step.run === 'string' && /\bcdktf\s+deploy\b/.test(step.run) && !/--auto-approve\b/.test(step.run)) problems.push(`${where}: cdktf deploy needs --auto-approve in CI (the environment approval is the gate)`);
    }
  }
  return problems;
}

/** Environment variables of a step (job env included) whose value reads a secret. */
function secretVariables(job: Job, step: Step): string[] {
  return Object.entries({ ...job.env, ...step.env })
    .filter(([, value]) => typeof value === 'string' && /\$\{\{[^}]*\bsecrets\./.test(value))
    .map(([name]) => name);
}

/**
 * Run scripts take every value through `env:` (no `${{ }}` inside a script: that is how secrets and
 * untrusted text reach the shell and the log), never print a secret-bearing variable, and the
 * workflow reads no repository secrets at all: cloud access is OIDC only, GitHub's API uses github.token.
 * A reusable workflow may read the secrets its caller passes (`on.workflow_call.secrets`), never others.
 */
export function secretProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const { jobId, step, where } of stepsOf(workflow)) {
    if (typeof step.run !== 'string') continue;
    if (/\$\{\{/.test(step.run)) problems.push(`${where}: the run script interpolates \${{ … }}; pass the value through env: and use "$VAR"`);
    for (const name of secretVariables(workflow.jobs[jobId], step)) {
      if (new RegExp(`\\b(echo|printf|cat|tee)\\b[^\\n]*\\$\\{?${name}\\b`).test(step.run) || /\bset\s+-[a-z]*x/.test(step.run)) problems.push(`${where}: the script prints or traces ${name}, which holds a secret`);
    }
  }
  const passed = new Set(Object.keys(((workflow.on.workflow_call as { secrets?: Record<string, unknown> } | null | undefined)?.secrets) ?? {}));
  for (const match of workflow.text.matchAll(/\bsecrets\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
    if (match[1] !== 'GITHUB_TOKEN' && !passed.has(match[1])) problems.push(`the workflow reads secrets.${match[1]}; cloud credentials come from OIDC and the GitHub API from github.token, so no stored secret is needed`);
  }
  return problems;
}

/** Names of long-lived cloud credentials that must not appear anywhere in a workflow. */
export const LONG_LIVED_CREDENTIALS = ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'aws-secret-access-key', 'aws-access-key-id', 'ARM_CLIENT_SECRET', 'ARM_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_CREDENTIALS', 'client-secret'];

/** The workflow mentions no long-lived credential at all. */
export function longLivedCredentialProblems(workflow: Workflow): string[] {
  return LONG_LIVED_CREDENTIALS.filter((name) => workflow.text.toLowerCase().includes(name.toLowerCase())).map((name) => `the workflow mentions ${name}; use OIDC federation instead of long-lived credentials`);
}

/** A step that opens a cloud firewall to the runner (e.g. `az keyvault network-rule add`), and the command that closes it. */
const TEMPORARY_ACCESS = [
  { open: /\baz\s+(keyvault|storage\s+account)\s+network-rule\s+add\b/, close: /\baz\s+(keyvault|storage\s+account)\s+network-rule\s+remove\b/, what: 'network-rule add' },
];

/** True when a step's `if:` makes it run after failures and cancellations too (`always()` first). */
const runsAlways = (step: Step) => typeof step.if === 'string' && /^\s*(\$\{\{\s*)?always\(\)/.test(step.if);

/**
 * Access opened to the runner for a run is closed again in the same job, by a later step that runs
 * `if: always()` (also after a failed or cancelled deploy), after the job's deploy command, and that
 * does not swallow its own failure (`continue-on-error`).
 */
export function temporaryAccessProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    const steps = job.steps ?? [];
    const deployAt = steps.map((s, i) => (typeof s.run === 'string' && DEPLOY_COMMAND.test(s.run) ? i : -1)).filter((i) => i >= 0);
    steps.forEach((step, i) => {
      for (const access of TEMPORARY_ACCESS) {
        if (typeof step.run !== 'string' || !access.open.test(step.run)) continue;
        const where = `jobs.${jobId}.steps[${i}]${step.name ? ` (${step.name})` : ''}`;
        if (deployAt.some((d) => d < i)) problems.push(`${where}: ${access.what} comes after the deploy command it is meant for; open access before deploying`);
        const closers = steps.map((s, j) => ({ s, j })).filter(({ s, j }) => j > i && typeof s.run === 'string' && access.close.test(s.run));
        if (closers.length === 0) {
          problems.push(`${where}: ${access.what} is never undone; add a later step that removes the rule with if: always()`);
          continue;
        }
        for (const { s, j } of closers) {
          const closer = `jobs.${jobId}.steps[${j}]${s.name ? ` (${s.name})` : ''}`;
          if (!runsAlways(s)) problems.push(`${closer}: the step that removes the runner's access must start its if: with always(), so it runs after failures and cancellations too`);
          if ((s as { 'continue-on-error'?: unknown })['continue-on-error'] !== undefined) problems.push(`${closer}: no continue-on-error on the step that removes the runner's access; its failure must fail the job`);
          if (deployAt.some((d) => d > j)) problems.push(`${closer}: removes the runner's access before the deploy command runs`);
        }
      }
    });
  }
  return problems;
}

/** The tool versions the project is tested with. */
export interface ToolVersions {
  readonly terraform: string;
  readonly nodeMajor: number;
}

/**
 * Tools are pinned: Terraform to the tested version (without the setup-terraform wrapper, which breaks
 * cdktf's output parsing), Node.js to an exact release of the supported major, dependencies from the
 * lockfile (`npm ci`), checkouts without a persisted token.
 */
export function toolProblems(workflow: Workflow, versions: ToolVersions): string[] {
  const problems: string[] = [];
  for (const { step, where } of stepsOf(workflow)) {
    const inputs = step.with ?? {};
    const action = step.uses ? actionName(step.uses) : '';
    if (action === 'hashicorp/setup-terraform') {
      if (String(inputs.terraform_version) !== versions.terraform) problems.push(`${where}: terraform_version must be ${versions.terraform}, got ${JSON.stringify(inputs.terraform_version)}`);
      if (inputs.terraform_wrapper !== false) problems.push(`${where}: set terraform_wrapper: false (the wrapper rewrites terraform's output, which cdktf parses)`);
    }
    if (action === 'actions/setup-node') {
      const version = String(inputs['node-version'] ?? '');
      if (!new RegExp(`^${versions.nodeMajor}\\.\\d+\\.\\d+$`).test(version)) problems.push(`${where}: node-version must be an exact ${versions.nodeMajor}.x.y release, got ${JSON.stringify(inputs['node-version'])}`);
    }
    if (action === 'actions/checkout' && inputs['persist-credentials'] !== false) problems.push(`${where}: set persist-credentials: false so later steps cannot reuse the checkout token`);
    if (typeof step.run === 'string' && /\bnpm\s+(install|i)\b/.test(step.run)) problems.push(`${where}: install with npm ci (the lockfile), not npm install`);
  }
  return problems;
}

/** Every `npm run X` names a script of package.json, and every `npx X` a binary the project provides. */
export function commandProblems(workflow: Workflow, scripts: Record<string, string>, binaries: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const { step, where } of stepsOf(workflow)) {
    if (typeof step.run !== 'string') continue;
    for (const [, script] of step.run.matchAll(/\bnpm\s+run\s+([\w:-]+)/g)) if (!(script in scripts)) problems.push(`${where}: npm run ${script} is not a script in package.json`);
    for (const [, bin] of step.run.matchAll(/\bnpx\s+([\w@/.-]+)/g)) if (!binaries.has(bin)) problems.push(`${where}: npx ${bin} is not a binary of the project or its dependencies (npx would download it)`);
  }
  return problems;
}

/** All the rules above. */
export function workflowProblems(workflow: Workflow, context: { versions: ToolVersions; scripts: Record<string, string>; binaries: ReadonlySet<string> }): string[] {
  return [
    ...unpinnedActions(workflow),
    ...permissionProblems(workflow),
    ...triggerProblems(workflow),
    ...cloudLoginProblems(workflow),
    ...deployJobProblems(workflow),
    ...secretProblems(workflow),
    ...temporaryAccessProblems(workflow),
    ...longLivedCredentialProblems(workflow),
    ...toolProblems(workflow, context.versions),
    ...commandProblems(workflow, context.scripts, context.binaries),
  ];
}
