import { RdpValidationError, RdpValidationErrors, showValue } from './errors';
import { CidrPeer, cidrPeerAt } from './peer';
import { checkRdpSourceCidr, CIDR_ALLOWED } from './net';

/** What an allowlist as a whole may be. */
export const ALLOWLIST_ALLOWED = `Allowed: a non-empty list of distinct CIDRs. ${CIDR_ALLOWED}`;

/** One problem of an allowlist: the offending entry's index (absent for the list itself) and what is wrong. */
export interface AllowlistProblem {
  /** Index of the offending entry; undefined when the problem is the list itself. */
  readonly index?: number;
  /** The offending value. */
  readonly value: unknown;
  /** What is wrong, with the value, and what is allowed. */
  readonly problem: string;
}

/**
 * Every problem of an allowlist given as strings: not a list, empty, bad entries, duplicates.
 * Empty when the list is acceptable. The single allowlist validator, used by the constructs and by
 * the configuration file.
 */
export function allowlistProblems(cidrs: unknown): AllowlistProblem[] {
  if (!Array.isArray(cidrs)) {
    return [{ value: cidrs, problem: `must be a list of CIDRs, got ${showValue(cidrs)}. ${ALLOWLIST_ALLOWED}` }];
  }
  if (cidrs.length === 0) {
    return [{ value: cidrs, problem: `must list at least one source, got []. An empty allowlist would leave RDP unreachable, or open on platforms that read it as "any". ${ALLOWLIST_ALLOWED}` }];
  }
  const problems: AllowlistProblem[] = [];
  const seen = new Map<string, number>();
  cidrs.forEach((value, index) => {
    const checked = checkRdpSourceCidr(value);
    if (!checked.ok) {
      problems.push({ index, value, problem: checked.problem });
      return;
    }
    const first = seen.get(checked.value.cidr);
    if (first !== undefined) {
      problems.push({ index, value, problem: `repeats entry ${first} (${checked.value.cidr}), got ${showValue(value)}. List each source once.` });
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
   * @param cidrs IPv4 CIDRs in network form (IPv6 is refused: the networks are IPv4-only); errors name them `allowlist[i]`
   * @throws RdpValidationError (one problem) or RdpValidationErrors (several)
   */
  public static fromCidrs(cidrs: readonly string[]): RdpAllowlist {
    const field = 'allowlist';
    const problems = allowlistProblems(cidrs).map((p) => new RdpValidationError(p.index === undefined ? field : `${field}[${p.index}]`, p.value, p.problem));
    if (problems.length === 1) throw problems[0];
    if (problems.length > 1) throw new RdpValidationErrors(problems, `Invalid \`${field}\``);
    return new RdpAllowlist(cidrs.map((c, i) => cidrPeerAt(c, `${field}[${i}]`)));
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
