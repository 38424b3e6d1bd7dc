/**
 * Zod field types shared by every cloud section of the configuration file. Semantic checks call the
 * library's own validators (constructs/core), so the file and the construct props reject the same
 * values with the same words; only the field path differs.
 */
import { z } from 'zod';
import { Acknowledge, allowlistProblems, CIDR_ALLOWED, INTERNET_EXPOSURE_RISK_ID, IRdpTunnelService, isValidationFailure, MAX_RDP_PORT, MIN_RDP_PORT, MIN_REASON_LENGTH, RdpAccess, RdpAccessMode, RdpAllowlist, RdpPort, rdpPortProblem, RdpValidationError, RdpValidationErrors, RESERVED_WINDOWS_PORTS } from '../../constructs/core';

/** Adds a custom issue whose message is the validator's problem sentence. */
function refineWith<T>(problemOf: (value: T) => string | undefined) {
  return (value: T, ctx: z.RefinementCtx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

/**
 * Adds a custom issue when a library validator throws: the validator's own problem sentence becomes
 * the message, and zod supplies the field path.
 */
export function refineByThrowing<T>(check: (value: T) => unknown) {
  return (value: T, ctx: z.RefinementCtx) => {
    try {
      check(value);
    } catch (e) {
      if (!RdpValidationError.isRdpValidationError(e)) throw e;
      // A list validator that names an entry (`onPremisesCidrs[1]`) reports it on that entry.
      const entry = /\[(\d+)\]$/.exec(e.field ?? '');
      ctx.addIssue({ code: 'custom', path: entry ? [Number(entry[1])] : [], message: e.problem });
    }
  };
}

/** An RDP listener port (1024–65535, not 3389, not another Windows service's port). */
export const rdpPortField = z
  .number()
  .int()
  .superRefine(refineWith<number>(rdpPortProblem))
  .meta({
    description: `RDP listener port: an integer from 1024 to 65535, not 3389 and not another Windows service's port. Default ${RdpPort.DEFAULT_NUMBER}.`,
    minimum: MIN_RDP_PORT,
    maximum: MAX_RDP_PORT,
    not: { enum: [...RESERVED_WINDOWS_PORTS.keys()].filter((p) => p >= MIN_RDP_PORT) },
  });

/** A non-empty allowlist with distinct entries, checked by the library's allowlist validator. */
export const allowlistField = z
  .array(z.string())
  .superRefine((list, ctx) => {
    for (const p of allowlistProblems(list)) ctx.addIssue({ code: 'custom', path: p.index === undefined ? [] : [p.index], message: p.problem });
  })
  .meta({ description: 'Sources admitted to RDP: a non-empty list of distinct IPv4 CIDRs. World ranges (0.0.0.0/0, ::/0, *, Internet, Any) are rejected; so are IPv6 ranges: the networks are IPv4-only, so an IPv6 rule could never match.', minItems: 1, items: { type: 'string', description: CIDR_ALLOWED, not: { enum: ['0.0.0.0/0', '::/0', '*', 'Internet', 'Any', ''] } } });

/** A reasoned acknowledgement of a weaker setting. */
export const acknowledgementField = z
  .object({
    id: z.string().meta({ description: 'The risk ID, e.g. RDP-AWS-PASSWORD-DATA.' }),
    reason: z.string().min(MIN_REASON_LENGTH).meta({ description: `Why the weaker setting is acceptable here (at least ${MIN_REASON_LENGTH} characters); shown in the plan review.` }),
    expires: z.iso.date().optional().meta({ description: 'Last day (YYYY-MM-DD, UTC) the acknowledgement covers the risk; after it, synth and check fail again naming the expiry.' }),
    owner: z.string().min(1).optional().meta({ description: 'Team or person who owns the accepted risk; shown with the reason.' }),
  })
  .strict();

/** Turns a parsed acknowledgement field into the library's value object. */
export function toAcknowledge(value: z.infer<typeof acknowledgementField> | undefined, field: string): Acknowledge | undefined {
  return value ? Acknowledge.risk(value.id, value.reason, { field, expires: value.expires, owner: value.owner }) : undefined;
}

/** A short lower-case name usable in construct IDs and resource names. */
export const nameField = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, 'must be 2–32 characters of lower-case letters, digits and hyphens, starting with a letter')
  .meta({ description: '2–32 characters: lower-case letters, digits and hyphens, starting with a letter.' });

/** Free-form resource tags. */
export const tagsField = z.record(z.string(), z.string()).meta({ description: 'Tags added to every resource of the stack.' });

/** The fields that say how RDP reaches a host, shared by both clouds' host sections. */
export interface HostAccessConfig {
  readonly access?: string;
  readonly allowlist?: string[];
  readonly internetExposure?: z.infer<typeof acknowledgementField>;
}

/** The `internetExposure` acknowledgement: required for an allowlist host with public sources. */
export const internetExposureField = acknowledgementField.meta({ description: `Allowlist hosts with public sources get a public IP: accept it with { "id": "${INTERNET_EXPOSURE_RISK_ID}", "reason": "…" }.` });

/** The `access` field of AWS hosts: the shared modes plus zero-inbound Session Manager. */
export const awsAccessField = z
  .enum([RdpAccessMode.VPN_ONLY, RdpAccessMode.ALLOWLIST, RdpAccessMode.SESSION_MANAGER])
  .meta({ description: 'How RDP reaches the host: "vpn-only" (default: no public IP, RDP only through the section\'s VPNs and private allowlist ranges), "allowlist" (RDP from the allowlist; public sources give the host a public IP and need internetExposure) or "session-manager" (zero inbound: no inbound rule, no public IP; RDP through a Session Manager port-forwarding session, docs/zero-inbound.md).' });

/** The `access` field of Azure hosts: the shared modes plus zero-inbound Azure Bastion. */
export const azureAccessField = z
  .enum([RdpAccessMode.VPN_ONLY, RdpAccessMode.ALLOWLIST, RdpAccessMode.BASTION])
  .meta({ description: 'How RDP reaches the host: "vpn-only" (default: no public IP, RDP only through the section\'s VPN gateway and private allowlist ranges), "allowlist" (RDP from the allowlist; public sources give the host a public IP and need internetExposure) or "bastion" (no public IP; RDP only from the section\'s Azure Bastion, which needs azure.bastion; docs/zero-inbound.md).' });

/** The host's access model, built with the library's own checks (`field` is the host's path, e.g. `aws.hosts[0]`); `bastion` serves bastion-mode hosts. */
export function hostAccess(host: HostAccessConfig, field: string, bastion?: IRdpTunnelService): RdpAccess {
  const mode = host.access ?? RdpAccessMode.VPN_ONLY;
  if (mode === RdpAccessMode.SESSION_MANAGER || mode === RdpAccessMode.BASTION) {
    const extra = host.allowlist ? 'allowlist' : host.internetExposure ? 'internetExposure' : undefined;
    if (extra) throw new RdpValidationError(`${field}.${extra}`, extra === 'allowlist' ? host.allowlist : host.internetExposure!.id, `is not allowed with access "${mode}": the host admits RDP only through ${mode === RdpAccessMode.BASTION ? 'its Bastion' : 'Session Manager'}, from no other source and never from a public IP. Remove it.`);
    if (mode === RdpAccessMode.SESSION_MANAGER) return RdpAccess.sessionManager();
    if (!bastion) throw new RdpValidationError(`${field}.access`, mode, 'is "bastion", but the azure section configures no bastion. Add azure.bastion { "subnetCidr": "<a /26 inside the address space>" }, or use access "vpn-only".');
    return RdpAccess.bastion(bastion);
  }
  const allowlist = host.allowlist ? underField(field, () => RdpAllowlist.fromCidrs(host.allowlist!)) : undefined;
  if (mode === RdpAccessMode.VPN_ONLY) {
    if (host.internetExposure) throw new RdpValidationError(`${field}.internetExposure`, host.internetExposure.id, 'is not needed: a VPN-only host never gets a public IP. Remove it.');
    return underField(field, () => RdpAccess.vpnOnly(allowlist));
  }
  if (!allowlist) throw new RdpValidationError(`${field}.allowlist`, undefined, 'is required when access is "allowlist". List the sources that may reach RDP, or use access "vpn-only".');
  return RdpAccess.allowlist(allowlist, toAcknowledge(host.internetExposure, `${field}.internetExposure`), field);
}

/**
 * The one pass over a cloud section's hosts: builds each host's access model with the library's own
 * checks (their problems go under the host's path), refuses a VPN-only host that nobody could reach,
 * and runs the section's own per-host checks on the hosts whose access could be built. Hosts with
 * malformed or repeated allowlist entries are skipped: allowlistField reports those entries.
 * @param noVpn the problem of a VPN-only host without private sources, when the section configures no VPN
 * @param checkHost the section's checks of one host and its access
 * @returns each host's access; undefined where it could not be built
 */
export function checkHostsAccess<H extends HostAccessConfig>(
  hosts: readonly H[],
  section: 'aws' | 'azure',
  ctx: z.RefinementCtx,
  accessOf: (host: H, field: string) => RdpAccess,
  noVpn: string | undefined,
  checkHost: (host: H, index: number, access: RdpAccess) => void = () => undefined,
): (RdpAccess | undefined)[] {
  return hosts.map((host, index) => {
    if (host.allowlist !== undefined && allowlistProblems(host.allowlist).length > 0) return undefined;
    const field = `${section}.hosts[${index}]`;
    let access: RdpAccess;
    try {
      access = accessOf(host, field);
    } catch (e) {
      if (!RdpValidationError.isRdpValidationError(e)) throw e;
      addHostIssue(ctx, ['hosts', index], field, e);
      return undefined;
    }
    if (noVpn !== undefined && access.isVpnOnly && access.sources.length === 0) ctx.addIssue({ code: 'custom', path: ['hosts', index, 'access'], message: noVpn });
    checkHost(host, index, access);
    return access;
  });
}

/**
 * Runs a library factory whose errors name its own parameters (`allowlist[1]`, `tenantId`) and names
 * them under `prefix`, the configuration path they came from (`aws.hosts[0].allowlist[1]`).
 * @param prefix the configuration path @default - the errors as they are
 */
export function underField<T>(prefix: string | undefined, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (prefix === undefined || !isValidationFailure(e)) throw e;
    const errors = individualErrors(e).map((x) => new RdpValidationError(`${prefix}.${x.field}`, x.value, x.problem, x.code));
    throw errors.length === 1 ? errors[0] : new RdpValidationErrors(errors, `Invalid \`${prefix}\``);
  }
}

/** The individual errors of a library error: an {@link RdpValidationErrors} holds several. */
export function individualErrors(error: RdpValidationError | RdpValidationErrors): readonly RdpValidationError[] {
  return error instanceof RdpValidationErrors || 'errors' in error ? (error as RdpValidationErrors).errors : [error];
}

/** A dotted field path (`allowlist[1].cidr`) as path segments (`['allowlist', 1, 'cidr']`). */
export function fieldSegments(field: string): (string | number)[] {
  return field.split(/[.[\]]/).filter(Boolean).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/**
 * Reports the errors of a host-level library check as zod issues under the host's path. A field named
 * under the host (`aws.hosts[0].allowlist[1]`) keeps its tail; any other field becomes a host-level issue.
 */
export function addHostIssue(ctx: z.RefinementCtx, hostPath: PropertyKey[], hostField: string, error: RdpValidationError | RdpValidationErrors): void {
  for (const e of individualErrors(error)) {
    const tail = e.field.startsWith(`${hostField}.`) ? fieldSegments(e.field.slice(hostField.length + 1)) : [];
    const problem = tail.length > 0 || e.field === hostField ? e.problem : `\`${e.field}\` ${e.problem}`;
    ctx.addIssue({ code: 'custom', path: [...hostPath, ...tail], message: problem });
  }
}

/**
 * Checks host names are unique and that hosts of one group agree on the group's settings (each
 * difference is reported on the later host's field). Returns, per host, the index of the first host of
 * its group (itself for a group's first host).
 */
export function checkHostGroups<H extends { readonly name: string; readonly group?: string }>(hosts: readonly H[], settings: readonly (keyof H & string)[], section: string, ctx: z.RefinementCtx): number[] {
  const seen = new Set<string>();
  const firstOfGroup = new Map<string, number>();
  return hosts.map((host, index) => {
    if (seen.has(host.name)) {
      // A repeated name would only repeat its namesake's group settings: report the name alone.
      ctx.addIssue({ code: 'custom', path: ['hosts', index, 'name'], message: `repeats the name of another host, got ${JSON.stringify(host.name)}. Host names must be unique.` });
      return index;
    }
    seen.add(host.name);
    const groupName = host.group ?? host.name;
    const first = firstOfGroup.get(groupName);
    if (first === undefined) {
      firstOfGroup.set(groupName, index);
      return index;
    }
    for (const key of settings) {
      if (JSON.stringify(host[key]) !== JSON.stringify(hosts[first][key])) {
        ctx.addIssue({
          code: 'custom',
          path: ['hosts', index, key],
          message: `differs from \`${section}.hosts[${first}].${key}\` in the same group "${groupName}", got ${JSON.stringify(host[key])}. Members of a group share one security group / NSG and hardening: give them the same ${key}, or put the host in another group.`,
        });
      }
    }
    return first;
  });
}
