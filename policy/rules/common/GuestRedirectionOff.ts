import { PolicyDocument } from '../../document';
import { combine, judgeSetting } from '../../guest/verdict';
import { SynthResource } from '../../resource';
import { RuleResult } from '../../types';
import { judgeCarriedProfiles } from '../support';

/** The script body forbids every device redirection it sets (drives, clipboard, printers, ports, audio capture, cameras, …: each `fDisable…` policy value = 1, `fEnableSmartCard` = 0). */
export default function GuestRedirectionOff(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  return judgeCarriedProfiles(resource, (p) => {
    const verdicts = [...p.guest.redirections].map(([name, s]) => judgeSetting(s, `${name} redirection`, (allowed, line) => (allowed ? `${name} (line ${line})` : undefined)));
    const found = combine(verdicts);
    return typeof found === 'string' ? `redirection allowed for ${found.split('; ').join(', ')}` : found;
  });
}
