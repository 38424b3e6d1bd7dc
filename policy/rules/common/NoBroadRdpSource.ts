import { PolicyDocument } from '../../document';
import { rdpPortsOfDocument } from '../../network/hosts';
import { coversPortAnyTransport } from '../../network/ingress';
import { SourceKind } from '../../network/sources';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeGrants } from '../support';

/** Broadest public IPv4 prefix accepted as an RDP source (the allowlist limit of the constructs). */
export const BROADEST_PUBLIC_IPV4_PREFIX = 16;
/** Broadest public IPv6 prefix accepted as an RDP source. */
export const BROADEST_PUBLIC_IPV6_PREFIX = 48;

/** RDP ports admit public sources no broader than /16 (IPv4) or /48 (IPv6); public cloud tags are too broad. */
export default function NoBroadRdpSource(resource: SynthResource, doc: PolicyDocument): RuleResult {
  const ports = rdpPortsOfDocument(doc);
  return judgeGrants(
    resource,
    doc,
    (p) => ports.some((port) => coversPortAnyTransport(p, port)),
    (s) =>
      s.kind === SourceKind.PUBLIC &&
      (s.prefix === undefined || s.prefix < (s.family === 'ipv6' ? BROADEST_PUBLIC_IPV6_PREFIX : BROADEST_PUBLIC_IPV4_PREFIX)),
  );
}
