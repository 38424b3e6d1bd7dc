import { App, DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Tokenization } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsRdpStack, DEFAULT_AWS_STACK_NAME } from './aws-rdp-stack';
import { AzureRdpStack, DEFAULT_AZURE_STACK_NAME } from './azure-rdp-stack';
import { fieldSegments, individualErrors } from './config/fields';
import { ENVIRONMENT_ENV_VAR, formatPath, schemaAt } from './config/load-config';
import { environmentsOf, EnvironmentConfig, RdpHostsConfig } from './config/schema';
import { RdpStackOptions } from './stack-options';
import { isValidationFailure, RdpValidationError, RdpValidationErrors } from '../constructs/core';

export { ENVIRONMENT_ENV_VAR } from './config/load-config';

/** How many times a section is rebuilt without its failing hosts to find the other hosts' problems. */
const MAX_REBUILDS = 20;

type Section = 'aws' | 'azure';
type SectionConfig = NonNullable<EnvironmentConfig[Section]>;
interface NumberedHost {
  readonly host: SectionConfig['hosts'][number];
  /** Index in the configuration file. */
  readonly index: number;
}

/** The first line of an unexpected error's message (never its stack). */
function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/\.+$/, '').slice(0, 300);
}

/** A section of one environment as it is built: where its constructs come from in the configuration. */
class SectionBuild {
  /** Config path of the section, e.g. `environments.prod.aws`. */
  public readonly root: string;
  private readonly owners = new Map<string, string>();

  constructor(
    public readonly section: Section,
    public readonly environment: string | undefined,
    public readonly hosts: readonly NumberedHost[],
  ) {
    const prefix = environment === undefined ? '' : formatPath(['environments', environment]);
    this.root = prefix ? `${prefix}.${section}` : section;
    // The stacks' construct IDs (see AwsRdpStack / AzureRdpStack); a group is configured by its first host.
    const parts: Record<Section, Record<string, string>> = {
      aws: { Network: 'network', ClientVpn: 'clientVpn', SiteToSiteVpn: 'siteToSiteVpn' },
      azure: { Network: 'network', KeyVault: 'keyVault', VpnGateway: 'vpnGateway' },
    };
    for (const [id, field] of Object.entries(parts[section])) this.owners.set(id, `${this.root}.${field}`);
    for (const { host, index } of hosts) {
      const field = `${this.root}.hosts[${index}]`;
      this.owners.set(`Host-${host.name}`, field);
      if (!this.owners.has(`Group-${host.group ?? host.name}`)) this.owners.set(`Group-${host.group ?? host.name}`, field);
    }
  }

  /** The config path of the construct at `constructPath` (relative IDs below the stack): a host, a VPN, … or the section. */
  public ownerOf(stack: IConstruct, constructPath: string): string {
    const below = constructPath.startsWith(`${stack.node.path}/`) ? constructPath.slice(stack.node.path.length + 1) : '';
    return this.owners.get(below.split('/')[0]) ?? this.root;
  }

  /** The file index of a host whose (reduced) index a stack named in a field such as `aws.hosts[2].rdpPort`. */
  public hostIndexIn(field: string): number | undefined {
    const match = new RegExp(`^${this.section}\\.hosts\\[(\\d+)\\]`).exec(field);
    return match ? this.hosts[Number(match[1])]?.index : undefined;
  }

  /**
   * A construct's error as configuration errors. Fields the stacks name absolutely (`aws.hosts[0].rdpPort`)
   * get the environment prefix and the file's host index; fields relative to a construct
   * (`hardening.requireNla`) go under the construct's owner when the configuration has such a field, and
   * otherwise name the owner. Anything else is one clear sentence on the owner.
   */
  public toConfigErrors(error: unknown, owner: string): RdpValidationError[] {
    if (!isValidationFailure(error)) return [new RdpValidationError(owner, undefined, `cannot be built: ${firstLine(error)}.`)];
    return individualErrors(error).map((e) => {
      const absolute = new RegExp(`^${this.section}\\.hosts\\[(\\d+)\\](.*)$`).exec(e.field);
      if (absolute) return new RdpValidationError(`${this.root}.hosts[${this.hosts[Number(absolute[1])]?.index ?? absolute[1]}]${absolute[2]}`, e.value, e.problem, e.code);
      if (e.field.startsWith(`${this.section}.`)) return new RdpValidationError(`${this.root}${e.field.slice(this.section.length)}`, e.value, e.problem, e.code);
      const full = `${owner}.${e.field}`;
      const known = schemaAt(fieldSegments(full)) !== undefined;
      return known ? new RdpValidationError(full, e.value, e.problem, e.code) : new RdpValidationError(owner, e.value, `\`${e.field}\` ${e.problem}`, e.code);
    });
  }
}

/** The deepest, most recently added construct below `scope`: where a failed constructor stopped. */
function lastBuilt(scope: IConstruct): IConstruct {
  let node = scope;
  for (let children = node.node.children; children.length > 0; children = node.node.children) node = children[children.length - 1];
  return node;
}

/**
 * Every construct check of a built stack, as configuration errors: construct validations, and (with
 * `resolve`) the values resolved at synthesis (the hardening profile, for one), each element on its own
 * so one failure does not hide the next. Aspects (the policy gate) are not run here. The resolution is
 * cdktf's preparing pass (what `TerraformStack.prepareStack` does before synth): see {@link markPrepared}.
 */
function checkBuiltStack(stack: TerraformStack, build: SectionBuild, resolve: boolean): RdpValidationError[] {
  const errors: RdpValidationError[] = [];
  const resolver = new DefaultTokenResolver(new StringConcat());
  for (const construct of stack.node.findAll()) {
    const owner = build.ownerOf(stack, construct.node.path);
    for (const message of construct.node.validate()) errors.push(new RdpValidationError(owner, undefined, `cannot be built: ${message}`));
    if (!resolve || !TerraformElement.isTerraformElement(construct)) continue;
    try {
      Tokenization.resolve(construct.toTerraform(), { scope: stack, resolver, preparing: true });
    } catch (e) {
      errors.push(...build.toConfigErrors(e, owner));
    }
  }
  return errors;
}

function newStack(scope: Construct, build: SectionBuild, id: string, config: SectionConfig, options: RdpStackOptions): TerraformStack {
  const reduced = { ...config, hosts: build.hosts.map((h) => h.host) };
  return build.section === 'aws' ? new AwsRdpStack(scope, id, reduced as NonNullable<EnvironmentConfig['aws']>, options) : new AzureRdpStack(scope, id, reduced as NonNullable<EnvironmentConfig['azure']>, options);
}

/**
 * Builds one section's stack into `app` and returns its problems. When a constructor fails on a host,
 * the section is rebuilt in a scratch app without that host's group, so the other hosts' problems are
 * found in the same run.
 */
function buildSection(app: App, section: Section, environment: string | undefined, config: SectionConfig, id: string, options: RdpStackOptions, scratch: () => string, resolve: boolean): RdpValidationError[] {
  const errors: RdpValidationError[] = [];
  let build = new SectionBuild(section, environment, config.hosts.map((host, index) => ({ host, index })));
  let scope: App = app;
  for (let attempt = 0; attempt <= MAX_REBUILDS; attempt++) {
    let stack: TerraformStack;
    try {
      stack = newStack(scope, build, id, config, options);
    } catch (e) {
      const stackNode = scope.node.tryFindChild(id) ?? scope;
      const owner = build.ownerOf(stackNode, lastBuilt(stackNode).node.path);
      const found = build.toConfigErrors(e, owner);
      errors.push(...found);
      // Continue without the failing host's group, when the failure is a host's.
      const fieldIndex = isValidationFailure(e) ? found.map((f) => /\.hosts\[(\d+)\]/.exec(f.field.slice(build.root.length))).find(Boolean) : undefined;
      const failedIndex = fieldIndex ? Number(fieldIndex[1]) : build.hosts.find((h) => owner === `${build.root}.hosts[${h.index}]`)?.index;
      const failed = build.hosts.find((h) => h.index === failedIndex);
      if (!failed) return errors;
      const group = failed.host.group ?? failed.host.name;
      const rest = build.hosts.filter((h) => (h.host.group ?? h.host.name) !== group);
      if (rest.length === 0) return errors;
      build = new SectionBuild(section, environment, rest);
      scope = new App({ outdir: scratch() });
      continue;
    }
    errors.push(...checkBuiltStack(stack, build, resolve));
    return errors;
  }
  return errors;
}

/** Options of {@link buildStacks}. */
export interface BuildStacksOptions {
  /**
   * Resolve every element on its own to find the errors of values computed at synthesis. Without it, only
   * constructors and construct validations are checked: for a caller that resolves the stacks anyway and,
   * when that fails, runs the full check (the main job: {@link checkStacks}).
   * @default true
   */
  readonly resolve?: boolean;
}

/**
 * Creates one stack per configured cloud section, per environment, and runs every construct check on
 * them (validations and values resolved at synthesis) without writing anything. With environments,
 * stack names get the environment as a suffix (`aws-rdp-hosts-prod`) and state keys include it.
 * Synthesis then reuses this build.
 * @param only synthesize just this environment @default - every environment
 * @throws RdpValidationErrors with every problem of every section, each under its configuration path
 */
export function buildStacks(app: App, config: RdpHostsConfig, only?: string, options: BuildStacksOptions = {}): void {
  const resolve = options.resolve ?? true;
  const environments = environmentsOf(config);
  const selected = only ? environments.filter((e) => e.name === only) : environments;
  if (only && selected.length === 0) {
    const names = environments.map((e) => e.name).filter(Boolean);
    throw new RdpValidationError(ENVIRONMENT_ENV_VAR, only, names.length > 0 ? `names no environment of the configuration. Allowed: ${names.join(', ')}.` : 'is set, but the configuration defines no environments. Unset it.');
  }
  let scratchDir: string | undefined;
  const scratch = () => (scratchDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-hosts-check-')));
  const errors: RdpValidationError[] = [];
  try {
    for (const { name, config: env } of selected) {
      const suffix = name ? `-${name}` : '';
      const stackOptions = { state: env.state, environment: name };
      if (env.aws) errors.push(...buildSection(app, 'aws', name, env.aws, `${env.aws.stackName ?? DEFAULT_AWS_STACK_NAME}${suffix}`, stackOptions, scratch, resolve));
      if (env.azure) errors.push(...buildSection(app, 'azure', name, env.azure, `${env.azure.stackName ?? DEFAULT_AZURE_STACK_NAME}${suffix}`, stackOptions, scratch, resolve));
    }
  } finally {
    if (scratchDir) fs.rmSync(scratchDir, { recursive: true, force: true });
  }
  if (errors.length > 0) {
    const seen = new Set<string>();
    throw new RdpValidationErrors(errors.filter((e) => !seen.has(e.message) && seen.add(e.message)), 'Invalid configuration (found while building the stacks)');
  }
}

/**
 * {@link buildStacks} with every check, in a scratch app that is thrown away: the main job's fallback
 * when its synth (built with `resolve: false`) fails, so a bad configuration is reported as it would
 * have been before synth, field by field.
 * @throws RdpValidationErrors with every problem of every section; returns when there is none
 */
export function checkStacks(config: RdpHostsConfig, only?: string): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-hosts-check-'));
  try {
    buildStacks(new App({ outdir }), config, only);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * For the main job, right after {@link buildStacks} and before `app.synth()`: synth's own
 * `prepareStack` keeps only its first step, making sure a backend exists, and skips its preparing
 * resolution of every element. That pass only creates cross-stack references (these stacks have none)
 * and finds resolution errors, which the policy gate's resolution of the whole stack finds as well;
 * the main job then reports them with {@link checkStacks}.
 */
export function markPrepared(app: App): void {
  for (const stack of app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c))) {
    stack.prepareStack = () => {
      stack.ensureBackendExists();
    };
  }
}
