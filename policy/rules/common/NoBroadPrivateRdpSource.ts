import { PolicyDocument } from '../../document';
import { rdpPortsOfDocument } from '../../network/hosts';
import { coversPortAnyTransport } from '../../network/ingress';
import { SourceKind } from '../../network/sources';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeGrants } from '../support';
import { BROADEST_PUBLIC_IPV4_PREFIX, BROADEST_PUBLIC_IPV6_PREFIX } from './NoBroadRdpSource';

/** RDP ports admit private ranges no broader than the allowlist limits (/16 IPv4, /48 IPv6): a `10.0.0.0/8` is every private network. */
export default function NoBroadPrivateRdpSource(resource: SynthResource, doc: PolicyDocument): RuleResult {
  const ports = rdpPortsOfDocument(doc);
  return judgeGrants(
    resource,
    doc,
    (p) => ports.some((port) => coversPortAnyTransport(p, port)),
    (s) => s.kind === SourceKind.PRIVATE && s.prefix !== undefined && s.prefix < (s.family === 'ipv6' ? BROADEST_PUBLIC_IPV6_PREFIX : BROADEST_PUBLIC_IPV4_PREFIX),
  );
}
