import { PolicyDocument } from '../../document';
import { schannelProtocols } from '../../guest/guest-state';
import { combine, judgeSetting } from '../../guest/verdict';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** Oldest TLS version accepted for RDP. */
export const MIN_TLS = '1.2';

/** The script body leaves no SCHANNEL protocol older than TLS 1.2 enabled on the server side (`…\Protocols\<P>\Server\Enabled`). */
export default function GuestTlsFloor(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) =>
    combine(
      schannelProtocols().filter((proto) => proto.name !== `TLS ${MIN_TLS}`).map((proto) =>
        judgeSetting(p.guest.protocols.get(proto.name)!, `SCHANNEL ${proto.name}`, (enabled, line) => (enabled ? `${proto.name} is enabled (line ${line}; floor TLS ${MIN_TLS})` : undefined)),
      ),
    ),
  );
}
