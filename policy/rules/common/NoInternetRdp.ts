import { PolicyDocument } from '../../document';
import { rdpPortsOfDocument } from '../../network/hosts';
import { coversPortAnyTransport } from '../../network/ingress';
import { SourceKind } from '../../network/sources';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeGrants } from '../support';

/**
 * No inbound rule admits the internet to an RDP port: 3389 or any host's configured port, matched
 * as ranges (a 3000-4000 range or protocol "all" covers 3389).
 */
export default function NoInternetRdp(resource: SynthResource, doc: PolicyDocument): RuleResult {
  const ports = rdpPortsOfDocument(doc);
  return judgeGrants(
    resource,
    doc,
    (p) => ports.some((port) => coversPortAnyTransport(p, port)),
    (s) => s.kind === SourceKind.WORLD,
  );
}
