/**
 * Issue 12's deploy invariants, over random valid configurations of both clouds (mixed access modes,
 * groups, VPNs, allowlists, environments): each synthesized plan is read twice, once by the policy
 * engine's reachability model (what a reviewer runs) and once by this suite's own evaluators (the AWS
 * invariant functions and the Azure NSG evaluator), so neither can hide a defect of the other.
 *
 * - every host without a public address has a management path;
 * - no host port other than RDP is reachable from a VPN, on-premises or virtual-network source;
 * - the guest port equals the network port (never 3389);
 * - every listed source can reach the host (no dead rules);
 * - no egress to the world without an acknowledged opt-in.
 */
import { App } from 'cdktf';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadDocuments } from '../../policy/files';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { reviewDocuments } from '../../policy/report/review-result';
import { Severity } from '../../policy/types';
import { violations } from '../../policy/engine';
import { buildStacks } from '../../stacks/app';
import { validateConfig } from '../../stacks/config/load-config';
import { hostLayers, reaches } from '../azure/nsg-evaluator';
import { awsNetworkInvariantFindings } from '../helpers/aws-invariants';
import { validConfigArbitrary } from '../helpers/config-arbitrary';
import { TerraformJson } from '../helpers/template';

const SEED = 20261201;
const RUNS = Number(process.env.RDP_FUZZ_RUNS ?? 0) || 6;

/** The engine's rules for the invariants: none may report, at any severity. */
const INVARIANT_RULES = ['RDP-NET-MANAGEMENT-PATH', 'RDP-NET-PRIVATE-OTHER-PORTS', 'RDP-NET-DEAD-SOURCE', 'RDP-NET-WORLD-EGRESS', 'RDP-AZ-DEFAULT-OUTBOUND', 'RDP-GUEST-PORT-MISMATCH', 'RDP-GUEST-ALLOWLIST-DRIFT'];

/** Ports an attacker inside the network would try: SMB, WinRM, RPC, the default RDP port. */
const OTHER_PORTS = [445, 5985, 135, 3389];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-invariants-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function synthesize(config: unknown, run: number): { outdir: string; stacks: { name: string; json: TerraformJson }[] } {
  const outdir = path.join(dir, `run-${run}`);
  const app = new App({ outdir });
  buildStacks(app, validateConfig(config, {}));
  app.synth();
  const stacksDir = path.join(outdir, 'stacks');
  const stacks = fs.readdirSync(stacksDir).map((name) => ({ name, json: JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as TerraformJson }));
  return { outdir, stacks };
}

test('random valid configurations on both clouds keep every deploy invariant, by the engine and by independent evaluators', () => {
  let run = 0;
  const seen = { aws: 0, azure: 0 };
  fc.assert(
    fc.property(validConfigArbitrary, (config) => {
      const { outdir, stacks } = synthesize(config, run++);
      try {
        // 1. The reviewer's view: the engine's rules and exposure model.
        const result = reviewDocuments(loadDocuments([outdir], outdir), RdpBaselinePack);
        expect(violations(result.report, Severity.INFO).filter((o) => INVARIANT_RULES.includes(o.ruleId)).map((o) => `${o.stack} ${o.ruleId} ${o.address}: ${o.findings.join('; ')}`)).toEqual([]);
        for (const host of result.exposure.flatMap((s) => s.hosts)) {
          expect([host.address, host.management.state]).toEqual([host.address, 'yes']);
          expect([host.address, host.otherPorts.map((o) => `${o.sourceClass}: ${o.label}`)]).toEqual([host.address, []]);
          // The guest port is judged by RDP-GUEST-PORT-MISMATCH above; here: the host has an RDP port, never 3389.
          expect([host.address, host.ports.length > 0, host.ports.includes(3389)]).toEqual([host.address, true, false]);
        }
        // 2. Independent evaluators over the same JSON.
        for (const { name, json } of stacks) {
          if (json.resource?.aws_instance) {
            seen.aws++;
            expect([name, awsNetworkInvariantFindings(json)]).toEqual([name, []]);
          }
          for (const host of json.resource?.azurerm_windows_virtual_machine ? hostLayers(json) : []) {
            seen.azure++;
            for (const port of OTHER_PORTS) {
              for (const protocol of ['Tcp', 'Udp'] as const) {
                // A VPN client, an on-premises admin and a peer in the VNet are all `VirtualNetwork` to Azure.
                expect([name, port, protocol, reaches(host, { source: '10.251.0.9', tags: ['VirtualNetwork'], port, protocol })]).toEqual([name, port, protocol, false]);
              }
            }
          }
        }
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
  // The property means something only if both clouds were generated.
  expect(seen.aws).toBeGreaterThan(0);
  expect(seen.azure).toBeGreaterThan(0);
});
