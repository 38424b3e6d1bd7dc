/**
 * One reviewed stack: its normalized resources and the reference resolution rules need
 * ("which security group does this rule belong to", "which public IP does this NIC use").
 */
import { memo } from './memo';
import { SynthResource } from './resource';
import { isUnresolved, list, UnresolvedValueError } from './values';

/** Where a document came from. */
export enum DocumentKind {
  /** Terraform JSON configuration (cdktf's cdk.tf.json or hand-written). */
  CONFIGURATION = 'configuration',
  /** `terraform show -json` plan output. */
  PLAN = 'plan',
}

/** Words that start a Terraform expression but never name a managed resource. */
const NON_RESOURCE_ROOTS = new Set(['var', 'local', 'module', 'data', 'each', 'count', 'path', 'terraform', 'self']);

/** A reference parsed from `${type.name[index].attribute}`. */
export interface ParsedReference {
  /** Address of the referenced resource relative to its module, e.g. `aws_security_group.rdp`. */
  readonly address: string;
  /** Attribute path after the resource, e.g. `id` (empty when the whole resource is referenced). */
  readonly attribute: string;
}

/** Parses a whole-string reference to a managed resource; `undefined` for anything else. */
export function parseReference(value: unknown): ParsedReference | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\$\{([a-zA-Z][\w-]*)\.([a-zA-Z_][\w-]*)(?:\[[^\]]*\])?(?:\.([\w.[\]"-]+))?\}$/.exec(value.trim());
  if (!m || NON_RESOURCE_ROOTS.has(m[1])) return undefined;
  return { address: `${m[1]}.${m[2]}`, attribute: m[3] ?? '' };
}

/** The normalized content of one stack file or plan. */
export class PolicyDocument {
  /** Stack name (cdktf stack, or the file's folder / name). */
  public readonly stack: string;
  /** Path of the file the document was read from (as given). */
  public readonly source: string;
  /** Configuration or plan. */
  public readonly kind: DocumentKind;
  /** Every managed resource and output, in file order. */
  public readonly resources: readonly SynthResource[];
  /** Data sources by address (`data.aws_iam_policy_document.trust`): read as context, never judged. */
  public readonly dataSources: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  private readonly byAddress: ReadonlyMap<string, SynthResource>;

  constructor(props: { stack: string; source: string; kind: DocumentKind; resources: readonly SynthResource[]; dataSources?: ReadonlyMap<string, Readonly<Record<string, unknown>>> }) {
    this.stack = props.stack;
    this.source = props.source;
    this.kind = props.kind;
    this.resources = props.resources;
    this.dataSources = props.dataSources ?? new Map();
    this.byAddress = new Map(props.resources.map((r) => [r.address, r]));
  }

  /** The body of the data source a `${data.type.name.attr}` reference names, when the document has it. */
  public dataSource(value: unknown, from?: SynthResource): Readonly<Record<string, unknown>> | undefined {
    if (typeof value !== 'string') return undefined;
    const m = /^\$\{data\.([a-zA-Z][\w-]*)\.([a-zA-Z_][\w-]*)(?:\[[^\]]*\])?(?:\.[\w.[\]"-]+)?\}$/.exec(value.trim());
    return m ? this.dataSources.get(`${from?.modulePrefix ?? ''}data.${m[1]}.${m[2]}`) : undefined;
  }

  /** Every resource of one Terraform type (a fresh array; the lookup itself is cached). */
  public ofType(...types: string[]): SynthResource[] {
    return [...memo(this, `ofType:${types.join(',')}`, () => this.resources.filter((r) => types.includes(r.type)))];
  }

  /** The resource at a full address, if present. */
  public at(address: string): SynthResource | undefined {
    return this.byAddress.get(address);
  }

  /**
   * Follows a `${type.name.attr}` reference written in `from`'s body to the resource it names.
   * Returns `undefined` for literals and for references that leave the document (variables, data
   * sources, other modules' outputs).
   */
  public resolve(value: unknown, from?: SynthResource): SynthResource | undefined {
    const ref = typeof value === 'string' ? memo(this, `ref:${value}`, () => parseReference(value)) : undefined;
    if (!ref) return undefined;
    return this.byAddress.get(`${from?.modulePrefix ?? ''}${ref.address}`);
  }

  /**
   * Like {@link resolve} but for a value that must point at a resource of `type`: literals and
   * other types give `undefined`; an expression that cannot be followed throws
   * {@link UnresolvedValueError}, so the rule reports `UNKNOWN`.
   */
  public follow(value: unknown, what: string, from: SynthResource, ...types: string[]): SynthResource | undefined {
    const target = this.resolve(value, from);
    if (target) return types.length === 0 || types.includes(target.type) ? target : undefined;
    if (isUnresolved(value)) throw new UnresolvedValueError(what, value);
    return undefined;
  }

  /** True when `value` is a reference to `target` (any attribute), written from `from`'s module. */
  public refersTo(value: unknown, target: SynthResource, from?: SynthResource): boolean {
    const resolved = this.resolve(value, from);
    return resolved !== undefined && resolved.address === target.address;
  }

  /**
   * Resources of `type` whose attribute `attribute` (a value or a list) references `target`, e.g.
   * every `aws_vpc_security_group_ingress_rule` whose `security_group_id` points at a group.
   */
  public referrers(target: SynthResource, type: string, attribute: string): SynthResource[] {
    const index = memo(this, `referrers:${type}:${attribute}`, () => {
      const byTarget = new Map<string, SynthResource[]>();
      for (const r of this.ofType(type)) {
        const value = r.body[attribute];
        const targets = new Set((Array.isArray(value) ? value : [value]).map((v) => this.resolve(v, r)?.address).filter((a): a is string => a !== undefined));
        for (const address of targets) byTarget.set(address, [...(byTarget.get(address) ?? []), r]);
      }
      return byTarget;
    });
    return [...(index.get(target.address) ?? [])];
  }

  /** Resolves every element of a list attribute that must point at resources of `types`; unresolved elements throw. */
  public followAll(value: unknown, what: string, from: SynthResource, ...types: string[]): SynthResource[] {
    // A single reference where a list belongs is how a plan records a list known only after apply.
    const values = typeof value === 'string' && this.resolve(value, from) ? [value] : list(value, what);
    return values
      .map((v, i) => this.follow(v, `${what}[${i}]`, from, ...types))
      .filter((r): r is SynthResource => r !== undefined);
  }
}
