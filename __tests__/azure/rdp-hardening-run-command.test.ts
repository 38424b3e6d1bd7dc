import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { VirtualMachineRunCommand } from '@cdktf/provider-azurerm/lib/virtual-machine-run-command';
import { WindowsVirtualMachine } from '@cdktf/provider-azurerm/lib/windows-virtual-machine';
import { AzureRdpHardeningRunCommand, AzureRdpHardeningRunCommandProps } from '../../constructs/azure/rdp-hardening-run-command';
import { AzureRdpNetworkSecurityGroup } from '../../constructs/azure/rdp-network-security-group';
import { Acknowledge, RdpAllowlist, RdpPort } from '../../constructs/core';
import { RdpGuestRisk, RdpHardeningProfile, RdpHardeningProfileProps } from '../../constructs/windows';
import { documentFromConfiguration, RdpBaselinePack, review } from '../../policy';
import { dwordWrites, firewallPort, firewallSources, manifestOf } from '../helpers/hardening-script';
import { bodiesOf, fullSynthJson, onlyResourceOf, synthJson, testStack } from '../helpers/template';

const VM_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-rdp/providers/Microsoft.Compute/virtualMachines/vm-rdp';

function profile(overrides: Partial<RdpHardeningProfileProps> = {}): RdpHardeningProfile {
  return new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: RdpAllowlist.fromCidrs(['203.0.113.0/24', '10.20.0.0/16']), ...overrides });
}

function synthRunCommand(overrides: Partial<AzureRdpHardeningRunCommandProps> = {}) {
  const stack = testStack();
  new AzureRdpHardeningRunCommand(stack, 'Hardening', { profile: profile(), virtualMachineId: VM_ID, location: 'westeurope', ...overrides });
  return synthJson(stack);
}

describe('AzureRdpHardeningRunCommand', () => {
  test('a managed run command runs the profile script on the VM, with create and update timeouts', () => {
    const p = profile();
    const stack = testStack();
    new AzureRdpHardeningRunCommand(stack, 'Hardening', { profile: p, virtualMachineId: VM_ID, location: 'westeurope' });
    const runCommand = onlyResourceOf(synthJson(stack), VirtualMachineRunCommand);
    expect(runCommand).toMatchObject({
      name: 'secure-rdp-hardening',
      location: 'westeurope',
      virtual_machine_id: VM_ID,
      timeouts: { create: '30m', update: '30m', delete: '30m' },
    });
    expect((runCommand.source as Record<string, unknown>).script).toBe(p.driftCorrectingScript);
    expect(runCommand.run_as_user).toBeUndefined();
    expect(runCommand.protected_parameter).toBeUndefined();
  });

  test('the delivered script keeps itself applied: a SYSTEM task every 30 minutes and at start-up re-runs a protected local copy, even after a failed pass', () => {
    const script = String((onlyResourceOf(synthRunCommand(), VirtualMachineRunCommand).source as Record<string, unknown>).script);
    expect(manifestOf(script).localDriftTask).toEqual({ intervalMinutes: 30, atStartup: true });
    expect(script).toMatch(/^\$DriftIntervalMinutes = 30$/m);
    expect(script).toMatch(/^\$DriftTaskName = 'secure-rdp-hosts-hardening-drift'$/m);
    expect(script).toMatch(/^\$ScriptPath = \$PSCommandPath$/m);
    expect(script).toContain("$DriftFolder = Join-Path $env:ProgramData 'secure-rdp-hosts'");
    // installed from the finally that also runs the pending actions, so a failing pass still leaves the retry in place
    expect(script).toMatch(/ {2}\} finally \{\n(?: {4}.*\n)*? {4}try \{ Install-DriftCorrectionTask \} catch \{ \$failed = \$true; Write-Failure \$_ \}\n {2}\}/);
    expect(script).toContain('New-ScheduledTaskTrigger -AtStartup');
    expect(script).toContain('-RepetitionInterval (New-TimeSpan -Minutes $DriftIntervalMinutes)');
    expect(script).toContain("-User 'NT AUTHORITY\\SYSTEM' -RunLevel Highest");
    expect(script).toContain("foreach ($sid in @('S-1-5-18', 'S-1-5-32-544'))");
    expect(script).toContain('$wanted.SetAccessRuleProtection($true, $false)');
    expect(script).toContain('Write-EventLog -LogName Application -Source $EventSource');
    // the same settings as the plain script: only the task differs
    expect(dwordWrites(script)).toEqual(dwordWrites(profile().script));
  });

  test('is ordered after the VM: virtual_machine_id references it and depends_on lists what else must exist first', () => {
    const stack = testStack();
    const vm = new WindowsVirtualMachine(stack, 'Vm', {
      name: 'vm-rdp',
      resourceGroupName: 'rg-rdp',
      location: 'westeurope',
      size: 'Standard_D2s_v5',
      adminUsername: 'rdpadmin',
      adminPassword: '${random_password.admin.result}',
      networkInterfaceIds: ['nic-id'],
      osDisk: { caching: 'ReadWrite', storageAccountType: 'Premium_LRS' },
      sourceImageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', version: 'latest' },
    });
    new AzureRdpHardeningRunCommand(stack, 'Hardening', { profile: profile(), virtualMachineId: vm.id, location: vm.location, dependsOn: [vm] });
    const runCommand = onlyResourceOf(synthJson(stack), VirtualMachineRunCommand);
    expect(runCommand.virtual_machine_id).toMatch(/^\$\{azurerm_windows_virtual_machine\.\w+\.id\}$/);
    expect(runCommand.depends_on).toEqual([expect.stringMatching(/^azurerm_windows_virtual_machine\.\w+$/)]);
  });

  test('name and timeout are configurable', () => {
    expect(onlyResourceOf(synthRunCommand({ name: 'harden-rdp', timeoutMinutes: 60 }), VirtualMachineRunCommand)).toMatchObject({ name: 'harden-rdp', timeouts: { create: '60m', update: '60m' } });
  });

  test.each([
    [{ virtualMachineId: '' }, /`virtualMachineId` must be a non-empty string/],
    [{ location: '  ' }, /`location` must be a non-empty string/],
    [{ name: 'bad name!' }, /`name` must be 2 to 80 letters/],
    [{ timeoutMinutes: 2 }, /`timeoutMinutes` must be an integer from 5 to 90, got 2/],
    [{ profile: 'script' as unknown as RdpHardeningProfile }, /`profile` must be an RdpHardeningProfile, got "script"/],
  ])('fails on %p', (overrides, pattern) => {
    expect(() => synthRunCommand(overrides as Partial<AzureRdpHardeningRunCommandProps>)).toThrow(pattern);
  });

  test('acknowledged weakenings are recorded on the run command for the plan review', () => {
    const stack = testStack();
    const weakened = profile({ allowedRedirections: [], idleSessionLimitMinutes: 60, acknowledgements: [Acknowledge.risk(RdpGuestRisk.SESSION_LIMITS, 'Long-running admin sessions on the build host')] });
    new AzureRdpHardeningRunCommand(stack, 'Hardening', { profile: weakened, virtualMachineId: VM_ID, location: 'westeurope' });
    const runCommand = onlyResourceOf(fullSynthJson(stack), VirtualMachineRunCommand);
    expect((runCommand['//'] as Record<string, unknown>).rdp_acknowledgements).toEqual([{ id: RdpGuestRisk.SESSION_LIMITS, reason: 'Long-running admin sessions on the build host' }]);
  });
});

describe('Azure delivery: the guest gets the same port and allowlist as the NSG, by construction', () => {
  test('the run command script and the NSG allow rules agree', () => {
    // GIVEN one profile driving the NSG and the run command (as a host wires them)
    const stack = testStack();
    const p = profile();
    new AzureRdpNetworkSecurityGroup(stack, 'Nsg', { name: 'nsg-rdp', resourceGroupName: 'rg-rdp', location: 'westeurope', rdpPort: p.port, sources: p.allowlist, udp: p.udp });
    new AzureRdpHardeningRunCommand(stack, 'Hardening', { profile: p, virtualMachineId: VM_ID, location: 'westeurope' });

    // WHEN synthesized
    const json = synthJson(stack);

    // THEN the script's manifest, PortNumber and firewall rule match the NSG's allow rules
    const allows = bodiesOf(json, NetworkSecurityRule).filter((r) => r.access === 'Allow' && r.direction === 'Inbound');
    const nsgPorts = new Set(allows.map((r) => r.destination_port_range));
    const nsgSources = new Set(allows.flatMap((r) => (r.source_address_prefix ? [r.source_address_prefix] : (r.source_address_prefixes as string[]))));
    expect(nsgPorts).toEqual(new Set(['43389']));
    const script = (onlyResourceOf(json, VirtualMachineRunCommand).source as Record<string, string>).script;
    const manifest = manifestOf(script);
    expect(new Set(manifest.allowlist as string[])).toEqual(nsgSources);
    expect(String(manifest.port)).toBe([...nsgPorts][0]);
    expect(dwordWrites(script).get('WS\\PortNumber')).toEqual([43389]);
    expect(firewallPort(script)).toBe(43389);
    expect(new Set(firewallSources(script))).toEqual(nsgSources);
    expect(new Set(allows.map((r) => String(r.protocol).toLowerCase()))).toEqual(new Set(['tcp']));
    expect(manifest.udp).toBe(false);
  });
});

describe('Azure delivery: the policy engine reads the run command script', () => {
  function guestOutcomes(p: RdpHardeningProfile) {
    const stack = testStack();
    new AzureRdpHardeningRunCommand(stack, 'Hardening', { profile: p, virtualMachineId: VM_ID, location: 'westeurope' });
    const report = review([documentFromConfiguration(fullSynthJson(stack), { source: 'cdk.tf.json' })], RdpBaselinePack);
    return report.outcomes.filter((o) => o.ruleId.startsWith('RDP-GUEST-') && o.type === 'azurerm_virtual_machine_run_command');
  }

  test('the default profile passes every guest rule', () => {
    const outcomes = guestOutcomes(profile());
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.compliance !== 'compliant').map((o) => `${o.ruleId}: ${o.findings.join('; ')}`)).toEqual([]);
  });

  test('a weakened profile is flagged and suppressed by its recorded acknowledgement', () => {
    const weakened = profile({ idleSessionLimitMinutes: 60, acknowledgements: [Acknowledge.risk(RdpGuestRisk.SESSION_LIMITS, 'Long-running admin sessions on the build host')] });
    const limits = guestOutcomes(weakened).filter((o) => o.ruleId === RdpGuestRisk.SESSION_LIMITS);
    expect(limits.map((o) => [o.compliance, o.suppression?.id])).toEqual([['non_compliant', RdpGuestRisk.SESSION_LIMITS]]);
  });
});
