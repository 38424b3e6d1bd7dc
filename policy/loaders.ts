/**
 * Turns Terraform JSON (cdktf's cdk.tf.json or hand-written) and `terraform show -json` plan
 * output into {@link PolicyDocument}s. Pure: callers read the files (see files.ts).
 */
import { DocumentKind, PolicyDocument } from './document';
import { AccessMode, readAccessMode, readSuppressions, Suppression, SynthResource } from './resource';
import { isRecord, UNKNOWN_AFTER_APPLY } from './values';

/** Thrown when a JSON value is neither Terraform JSON configuration nor plan JSON. */
export class UnsupportedDocumentError extends Error {
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = 'UnsupportedDocumentError';
  }
}

/** Which kind of document a parsed JSON value is, or `undefined` when it is neither. */
export function detectKind(json: unknown): DocumentKind | undefined {
  if (!isRecord(json)) return undefined;
  if ('planned_values' in json || 'resource_changes' in json || ('format_version' in json && 'terraform_version' in json)) return DocumentKind.PLAN;
  if ('resource' in json || 'terraform' in json || 'provider' in json || 'output' in json || '//' in json) return DocumentKind.CONFIGURATION;
  return undefined;
}

/** Options shared by the loaders. */
export interface LoadOptions {
  /** Path shown in reports. */
  readonly source: string;
  /** Stack name; defaults to cdktf's `//.metadata.stackName` or the source name. */
  readonly stack?: string;
  /** The file's text, used to find each resource's line for SARIF. */
  readonly text?: string;
}

/** Reads Terraform JSON configuration (cdk.tf.json). */
export function documentFromConfiguration(json: unknown, options: LoadOptions): PolicyDocument {
  if (!isRecord(json)) throw new UnsupportedDocumentError(options.source, 'is not a JSON object');
  const top = isRecord(json['//']) && isRecord(json['//'].metadata) ? json['//'].metadata : {};
  const stack = options.stack ?? (typeof top.stackName === 'string' ? top.stackName : stackNameFromPath(options.source));
  const lines = options.text ? resourceLines(options.text) : new Map<string, number>();
  const resources: SynthResource[] = [];
  const byType = json.resource;
  if (byType !== undefined && !isRecord(byType)) throw new UnsupportedDocumentError(options.source, '`resource` must be an object of resource types');
  for (const [type, byName] of Object.entries(byType ?? {})) {
    if (!isRecord(byName)) continue;
    for (const [name, raw] of Object.entries(byName)) {
      if (!isRecord(raw)) continue;
      resources.push(configurationResource(type, name, raw, lines.get(`${type}.${name}`)));
    }
  }
  for (const [name, raw] of Object.entries(isRecord(json.output) ? json.output : {})) {
    if (!isRecord(raw)) continue;
    resources.push(configurationResource('output', name, raw, undefined));
  }
  const dataSources = new Map<string, Record<string, unknown>>();
  for (const [type, byName] of Object.entries(isRecord(json.data) ? json.data : {})) {
    for (const [name, raw] of Object.entries(isRecord(byName) ? byName : {})) if (isRecord(raw)) dataSources.set(`data.${type}.${name}`, raw);
  }
  return new PolicyDocument({ stack, source: options.source, kind: DocumentKind.CONFIGURATION, resources, dataSources });
}

function configurationResource(type: string, name: string, raw: Record<string, unknown>, line: number | undefined): SynthResource {
  const { '//': comment, ...body } = raw;
  const metadata = isRecord(comment) && isRecord(comment.metadata) ? comment.metadata : {};
  const suppressions = readSuppressions(comment);
  return {
    type,
    name,
    address: type === 'output' ? `output.${name}` : `${type}.${name}`,
    modulePrefix: '',
    constructPath: typeof metadata.path === 'string' ? metadata.path : undefined,
    body,
    suppressions: suppressions.valid,
    invalidSuppressions: suppressions.invalid,
    accessMode: readAccessMode(comment, body),
    line,
  };
}

/**
 * Reads `terraform show -json` plan output. Values known only after apply become the reference
 * written in the configuration (`${aws_security_group.rdp.id}`) when there is exactly one, so
 * rules can still follow it, and {@link UNKNOWN_AFTER_APPLY} otherwise.
 *
 * Plans carry no `"//"` comments: pass the stack's configuration as `companion` to keep construct
 * paths, acknowledgements and access modes (matched by address).
 */
export function documentFromPlan(json: unknown, options: LoadOptions, companion?: PolicyDocument): PolicyDocument {
  if (!isRecord(json)) throw new UnsupportedDocumentError(options.source, 'is not a JSON object');
  const expressions = configurationExpressions(json.configuration);
  const resources: SynthResource[] = [];
  const changes = Array.isArray(json.resource_changes) ? json.resource_changes.filter(isRecord) : undefined;
  if (changes) {
    for (const change of changes) {
      const detail = isRecord(change.change) ? change.change : {};
      const actions = Array.isArray(detail.actions) ? detail.actions : [];
      if (change.mode !== 'managed' || (actions.length === 1 && actions[0] === 'delete') || !isRecord(detail.after)) continue;
      const changed = !actions.every((a) => a === 'no-op' || a === 'read');
      resources.push({ ...planResource(change, detail.after, detail.after_unknown, expressions, companion), changed });
    }
  } else {
    const root = isRecord(json.planned_values) ? json.planned_values.root_module : isRecord(json.values) ? json.values.root_module : undefined;
    for (const r of moduleResources(root)) {
      if (r.mode === 'managed' && isRecord(r.values)) resources.push(planResource(r, r.values, undefined, expressions, companion));
    }
  }
  resources.push(...planOutputs(json, expressions));
  const dataSources = new Map<string, Record<string, unknown>>();
  for (const change of changes ?? []) {
    const detail = isRecord(change.change) ? change.change : {};
    if (change.mode === 'data' && isRecord(detail.after)) dataSources.set(String(change.address), detail.after);
  }
  const prior = isRecord(json.prior_state) && isRecord(json.prior_state.values) ? json.prior_state.values.root_module : undefined;
  for (const r of moduleResources(prior)) if (r.mode === 'data' && isRecord(r.values) && !dataSources.has(String(r.address))) dataSources.set(String(r.address), r.values);
  if (!changes && resources.length === 0 && !isRecord(json.planned_values) && !isRecord(json.values)) {
    throw new UnsupportedDocumentError(options.source, 'has neither `resource_changes` nor `planned_values`; is it `terraform show -json` output?');
  }
  return new PolicyDocument({ stack: options.stack ?? companion?.stack ?? stackNameFromPath(options.source), source: options.source, kind: DocumentKind.PLAN, resources, dataSources });
}

/** Attributes the provider stores as a hash in plans and state; the configured text is read from the plan's configuration instead. */
const HASHED_IN_PLAN: Readonly<Record<string, readonly string[]>> = { aws_instance: ['user_data'] };

function planResource(
  r: Record<string, unknown>,
  after: Record<string, unknown>,
  afterUnknown: unknown,
  expressions: ReadonlyMap<string, unknown>,
  companion: PolicyDocument | undefined,
): SynthResource {
  const address = String(r.address);
  const type = String(r.type);
  const name = String(r.name);
  const modulePrefix = address.slice(0, address.length - address.replace(/^(module\.[^.]+(\[[^\]]*\])?\.)*/, '').length);
  const configAddress = `${modulePrefix.replace(/\[[^\]]*\]/g, '')}${type}.${name}`;
  const expression = expressions.has(configAddress) ? (expressions.get(configAddress) ?? {}) : NO_CONFIGURATION;
  const body = mergeUnknown(after, afterUnknown, expression) as Record<string, unknown>;
  for (const attribute of HASHED_IN_PLAN[type] ?? []) {
    const written = isRecord(expression) && isRecord(expression[attribute]) ? expression[attribute] : undefined;
    if (written && typeof written.constant_value === 'string') body[attribute] = written.constant_value;
  }
  const twin = companion?.at(address.replace(/\[[^\]]*\]$/, '')) ?? companion?.at(address);
  const suppressions: readonly Suppression[] = twin?.suppressions ?? [];
  const accessMode: AccessMode | undefined = twin?.accessMode ?? readAccessMode(undefined, body);
  return { type, name, address, modulePrefix, constructPath: twin?.constructPath, body, suppressions, invalidSuppressions: twin?.invalidSuppressions ?? [], accessMode };
}

function planOutputs(json: Record<string, unknown>, expressions: ReadonlyMap<string, unknown>): SynthResource[] {
  const changes = isRecord(json.output_changes) ? json.output_changes : {};
  return Object.keys(changes).map((name) => {
    const config = expressions.get(`output.${name}`);
    const expression = isRecord(config) ? config.expression : undefined;
    const refs = isRecord(expression) && Array.isArray(expression.references) ? expression.references.map(String) : [];
    return {
      type: 'output',
      name,
      address: `output.${name}`,
      modulePrefix: '',
      body: { value: refs.length > 0 ? `\${${refs[0]}}` : UNKNOWN_AFTER_APPLY, sensitive: isRecord(config) ? config.sensitive === true : false },
      suppressions: [],
      invalidSuppressions: [],
      changed: !(isRecord(changes[name]) && Array.isArray(changes[name].actions) && (changes[name].actions as unknown[]).every((a) => a === 'no-op')),
    };
  });
}

function moduleResources(module: unknown): Record<string, unknown>[] {
  if (!isRecord(module)) return [];
  const own = Array.isArray(module.resources) ? module.resources.filter(isRecord) : [];
  const children = Array.isArray(module.child_modules) ? module.child_modules.flatMap(moduleResources) : [];
  return [...own, ...children];
}

/** Configuration expressions by address (`module.a.aws_x.y`, `output.z`), from the plan's `configuration` block. */
function configurationExpressions(configuration: unknown): Map<string, unknown> {
  const result = new Map<string, unknown>();
  const walk = (module: unknown, prefix: string): void => {
    if (!isRecord(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources.filter(isRecord) : []) {
      result.set(`${prefix}${String(r.address)}`, r.expressions);
    }
    if (prefix === '' && isRecord(module.outputs)) {
      for (const [name, output] of Object.entries(module.outputs)) result.set(`output.${name}`, output);
    }
    for (const [name, call] of Object.entries(isRecord(module.module_calls) ? module.module_calls : {})) {
      if (isRecord(call)) walk(call.module, `${prefix}module.${name}.`);
    }
  };
  walk(isRecord(configuration) ? configuration.root_module : undefined, '');
  return result;
}

/** Marks "the plan has no configuration block for this resource": unknown values stay unknown. */
const NO_CONFIGURATION = Symbol('no-configuration');

/**
 * Replaces the parts of `after` that `unknown` marks as known-after-apply with their configured
 * reference. A value known only after apply that the configuration does not set at all is a
 * provider-computed default (an `id`, or `associate_public_ip_address` left to the subnet): it is
 * dropped, exactly as it is absent from Terraform JSON configuration.
 */
function mergeUnknown(after: unknown, unknown: unknown, expression: unknown): unknown {
  if (unknown === true) {
    if (expression === undefined) return undefined;
    // JSON-syntax configurations (cdk.tf.json) keep the written value, interpolations included.
    if (isRecord(expression) && 'constant_value' in expression) return expression.constant_value;
    return referenceFor(expression);
  }
  if (Array.isArray(unknown)) {
    const values = Array.isArray(after) ? after : [];
    const length = Math.max(values.length, unknown.length);
    const elementRefs = elementReferences(expression, length);
    return Array.from({ length }, (_, i) => (unknown[i] === true ? (elementRefs[i] ?? UNKNOWN_AFTER_APPLY) : mergeUnknown(values[i], unknown[i], child(expression, i))));
  }
  if (isRecord(unknown) || isRecord(after)) {
    const values = isRecord(after) ? after : {};
    const marks = isRecord(unknown) ? unknown : {};
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(values), ...Object.keys(marks)])) {
      const merged = mergeUnknown(values[key], marks[key], child(expression, key));
      if (merged !== undefined) out[key] = merged;
    }
    return out;
  }
  if (Array.isArray(after)) {
    return after.map((v, i) => mergeUnknown(v, undefined, child(expression, i)));
  }
  return after;
}

/** The expression of a child attribute or block; without configuration, every child is "configured but unknown". */
function child(expression: unknown, key: string | number): unknown {
  if (expression === NO_CONFIGURATION) return NO_CONFIGURATION;
  if (typeof key === 'number') return Array.isArray(expression) ? expression[key] : undefined;
  return isRecord(expression) ? expression[key] : undefined;
}

/** The resources an expression references, most specific reference first, one per resource. */
function distinctReferences(expression: unknown): string[] {
  const refs = isRecord(expression) && Array.isArray(expression.references) ? expression.references.map(String) : [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const ref of refs) {
    const resource = ref.split('.').slice(0, ref.startsWith('module.') || ref.startsWith('data.') ? 3 : 2).join('.');
    if (seen.has(resource)) continue;
    seen.add(resource);
    out.push(ref);
  }
  return out;
}

function referenceFor(expression: unknown): string {
  if (expression === NO_CONFIGURATION) return UNKNOWN_AFTER_APPLY;
  const refs = distinctReferences(expression);
  return refs.length === 1 ? `\${${refs[0]}}` : UNKNOWN_AFTER_APPLY;
}

function elementReferences(expression: unknown, length: number): string[] {
  const refs = distinctReferences(expression);
  return refs.length === length ? refs.map((r) => `\${${r}}`) : [];
}

/** Line (1-based) of each `type.name` under the top-level `resource` key of pretty-printed JSON. */
export function resourceLines(text: string): Map<string, number> {
  const lines = text.split('\n');
  const result = new Map<string, number>();
  const start = lines.findIndex((l) => /^\s*"resource": \{\s*$/.test(l));
  if (start < 0) return result;
  const indent = lines[start].search(/\S/);
  let type: string | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    const depth = line.search(/\S/);
    if (depth <= indent && /^\s*\}/.test(line)) break;
    const key = /^\s*"([^"]+)": \{\s*$/.exec(line);
    if (!key) continue;
    if (depth === indent + 2) type = key[1];
    else if (depth === indent + 4 && type) result.set(`${type}.${key[1]}`, i + 1);
  }
  return result;
}

function stackNameFromPath(source: string): string {
  const parts = source.split(/[\\/]/).filter(Boolean);
  const file = parts[parts.length - 1] ?? source;
  if (file === 'cdk.tf.json' && parts.length >= 2) return parts[parts.length - 2];
  return file.replace(/\.(tf\.)?json$/, '');
}
