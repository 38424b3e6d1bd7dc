import { PolicyDocument } from '../../document';
import { DEFAULT_RDP_PORT } from '../../network/hosts';
import { coversPortAnyTransport } from '../../network/ingress';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeGrants } from '../support';

/** No inbound rule opens the default RDP port 3389, from any source, alone or inside a range. */
export default function NoDefaultRdpPort(resource: SynthResource, doc: PolicyDocument): RuleResult {
  return judgeGrants(
    resource,
    doc,
    (p) => coversPortAnyTransport(p, DEFAULT_RDP_PORT),
    () => true,
  );
}
