import { PolicyDocument } from '../../document';
import { ALL_PORTS } from '../../network/ingress';
import { SourceKind } from '../../network/sources';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeGrants } from '../support';

/** No inbound rule admits every protocol or every port from an address range or tag (group references are fine). */
export default function NoAllTrafficIngress(resource: SynthResource, doc: PolicyDocument): RuleResult {
  return judgeGrants(
    resource,
    doc,
    (p) => p.transport === 'all' || p.ports.some((r) => r.from <= ALL_PORTS.from && r.to >= ALL_PORTS.to),
    (s) => s.kind !== SourceKind.GROUP && s.kind !== SourceKind.PREFIX_LIST && s.kind !== SourceKind.UNRESOLVED,
  );
}
