import { RdpValidationError, RdpValidationErrors, showValue } from './errors';
import { CidrPeer, Peer } from './peer';
import { CIDR_ALLOWED, checkAllowlistCidr } from '../private/cidr';

/** What an allowlist as a whole may be. */
export const ALLOWLIST_ALLOWED = `Allowed: a non-empty list of distinct CIDRs. ${CIDR_ALLOWED}`;

/**
 * Returns the problems of an allowlist given as strings, one per offending entry, each with the
 * entry's field path (`<field>[i]`). Empty when the list is acceptable.
 */
export function allowlistProblems(cidrs: unknown, field: string): RdpValidationError[] {
  if (!Array.isArray(cidrs)) {
    return [new RdpValidationError(field, cidrs, `must be a list of CIDRs, got ${showValue(cidrs)}. ${ALLOWLIST_ALLOWED}`)];
  }
  if (cidrs.length === 0) {
    return [new RdpValidationError(field, cidrs, `must list at least one source, got []. An empty allowlist would leave RDP unreachable, or open on platforms that read it as "any". ${ALLOWLIST_ALLOWED}`)];
  }
  const problems: RdpValidationError[] = [];
  const seen = new Map<string, number>();
  cidrs.forEach((value, index) => {
    const entryField = `${field}[${index}]`;
    const checked = checkAllowlistCidr(value);
    if (!checked.ok) {
      problems.push(new RdpValidationError(entryField, value, checked.problem));
      return;
    }
    const first = seen.get(checked.value.cidr);
    if (first !== undefined) {
      problems.push(new RdpValidationError(entryField, value, `repeats \`${field}[${first}]\` (${checked.value.cidr}), got ${showValue(value)}. List each source once.`));
      return;
    }
    seen.set(checked.value.cidr, index);
  });
  return problems;
}

/**
 * The validated list of CIDR sources allowed to reach RDP. The same object feeds the network rules
 * (security group / NSG) and the guest firewall, so they always admit the same sources.
 */
export class RdpAllowlist {
  /**
   * Builds an allowlist from CIDR strings, reporting every bad entry at once.
   * @param cidrs IPv4/IPv6 CIDRs in network form
   * @param field the name reported in errors @default 'allowlist'
   * @throws RdpValidationError (one problem) or RdpValidationErrors (several)
   */
  public static fromCidrs(cidrs: readonly string[], field = 'allowlist'): RdpAllowlist {
    const problems = allowlistProblems(cidrs, field);
    if (problems.length === 1) throw problems[0];
    if (problems.length > 1) throw new RdpValidationErrors(problems, `Invalid \`${field}\``);
    return new RdpAllowlist(cidrs.map((c, i) => Peer.cidr(c, `${field}[${i}]`)));
  }

  /** The sources, in the order given. */
  public readonly peers: readonly CidrPeer[];

  private constructor(peers: readonly CidrPeer[]) {
    this.peers = peers;
  }

  /** Canonical CIDR strings, in the order given. */
  public get cidrs(): string[] {
    return this.peers.map((p) => p.cidr);
  }

  /** True when any source is a public range, so the host needs an internet-facing address to be reached. */
  public get hasPublicSources(): boolean {
    return this.peers.some((p) => !p.isPrivate);
  }
}
