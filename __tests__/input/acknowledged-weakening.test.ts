/**
 * Parity of an acknowledged weakening: `requireNla: false` with RDP-GUEST-NLA-OFF passes the policy gate
 * on AWS as on Azure, and every resource that carries the guest script reports the acknowledgement with
 * its reason (on AWS: the SSM document and the instance's user data).
 */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PolicyReport, RdpPolicyAspect } from '../../policy';
import { buildStacks } from '../../stacks/app';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';

const REASON = 'Legacy thin clients on the plant floor cannot do CredSSP';

test('an acknowledged requireNla: false passes the gate on both clouds and shows its reason', () => {
  const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG));
  for (const cloud of ['aws', 'azure']) config[cloud].hosts[0].hardening = { requireNla: false, acknowledgements: [{ id: 'RDP-GUEST-NLA-OFF', reason: REASON }] };
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-ack-'));
  try {
    const app = new App({ outdir });
    buildStacks(app, validateConfig(config, {}));
    const reports = new Map<string, PolicyReport>();
    RdpPolicyAspect.addToStacks(app, { onReport: (stack, report) => reports.set(stack.node.id, report) });
    expect(() => app.synth()).not.toThrow();
    for (const [stack, carriers] of [['aws-rdp-hosts', ['aws_instance', 'aws_ssm_document']], ['azure-rdp-hosts', ['azurerm_virtual_machine_run_command']]] as const) {
      const outcomes = reports.get(stack)!.outcomes.filter((o) => o.ruleId === 'RDP-GUEST-NLA-OFF' && o.compliance !== 'compliant');
      // The weakening is found on every carrier of the script, and each finding is suppressed with the reason.
      expect(new Set(outcomes.map((o) => o.type))).toEqual(new Set(carriers));
      for (const outcome of outcomes) expect(outcome.suppression).toEqual({ id: 'RDP-GUEST-NLA-OFF', reason: REASON });
    }
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
