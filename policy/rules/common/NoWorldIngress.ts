import { PolicyDocument } from '../../document';
import { IngressPermission } from '../../network/ingress';
import { SourceKind } from '../../network/sources';
import { isBastionSubnetNsg, isOnlyPort } from '../../network/zero-inbound';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeGrants } from '../support';

/**
 * No inbound rule admits the whole internet (`0.0.0.0/0`, `::/0`, `*`, `Any`, `Internet`) on any port.
 * Exempt: TCP 443 on the NSG of an `AzureBastionSubnet` holding a Bastion (its front end; Microsoft requires it).
 */
export default function NoWorldIngress(resource: SynthResource, doc: PolicyDocument): RuleResult {
  const bastionFrontEnd = (p: IngressPermission) => p.transport === 'tcp' && isOnlyPort(p.ports, 443) && isBastionSubnetNsg(p.group, doc);
  return judgeGrants(resource, doc, (p) => !bastionFrontEnd(p), (s) => s.kind === SourceKind.WORLD);
}
