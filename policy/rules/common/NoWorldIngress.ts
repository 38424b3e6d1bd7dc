import { PolicyDocument } from '../../document';
import { SourceKind } from '../../network/sources';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeGrants } from '../support';

/** No inbound rule admits the whole internet (`0.0.0.0/0`, `::/0`, `*`, `Any`, `Internet`) on any port. */
export default function NoWorldIngress(resource: SynthResource, doc: PolicyDocument): RuleResult {
  return judgeGrants(resource, doc, () => true, (s) => s.kind === SourceKind.WORLD);
}
