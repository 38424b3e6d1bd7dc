/**
 * RDP-GUEST-DRIFT-CORRECTION against what the constructs deliver: the AWS association and the Azure run
 * command keep the profile applied every 30 minutes; the same host without them is a finding on both clouds.
 */
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { VirtualMachineRunCommand } from '@cdktf/provider-azurerm/lib/virtual-machine-run-command';
import { WindowsVirtualMachine } from '@cdktf/provider-azurerm/lib/windows-virtual-machine';
import { AwsRdpHardeningAssociation } from '../../constructs/aws/rdp-hardening-association';
import { rdpHardeningUserData } from '../../constructs/aws/rdp-hardening-user-data';
import { AzureRdpHardeningRunCommand } from '../../constructs/azure/rdp-hardening-run-command';
import { RdpAllowlist, RdpPort } from '../../constructs/core';
import { RdpHardeningProfile } from '../../constructs/windows';
import { documentFromConfiguration, RdpBaselinePack, review } from '../../policy';
import { fullSynthJson, testStack } from '../helpers/template';

const RULE = 'RDP-GUEST-DRIFT-CORRECTION';

function profile(): RdpHardeningProfile {
  return new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: RdpAllowlist.fromCidrs(['203.0.113.0/24']) });
}

function outcome(build: (stack: ReturnType<typeof testStack>) => void, hostType: string) {
  const stack = testStack();
  build(stack);
  const report = review([documentFromConfiguration(fullSynthJson(stack), { source: 'cdk.tf.json' })], RdpBaselinePack);
  const found = report.outcomes.filter((o) => o.ruleId === RULE && o.type === hostType);
  expect(found).toHaveLength(1);
  return found[0];
}

const awsInstance = (stack: ReturnType<typeof testStack>, p: RdpHardeningProfile) =>
  new Instance(stack, 'Instance', { ami: 'ami-0123456789abcdef0', instanceType: 't3.large', userData: rdpHardeningUserData(p) });

function azureVm(stack: ReturnType<typeof testStack>): WindowsVirtualMachine {
  return new WindowsVirtualMachine(stack, 'Vm', {
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
}

describe('RDP-GUEST-DRIFT-CORRECTION on what the constructs deliver', () => {
  test('AWS: the State Manager association (rate(30 minutes)) is drift correction', () => {
    const o = outcome((stack) => {
      const p = profile();
      const instance = awsInstance(stack, p);
      new AwsRdpHardeningAssociation(stack, 'Hardening', { profile: p, instanceIds: [instance.id] });
    }, 'aws_instance');
    expect([o.compliance, o.findings]).toEqual(['compliant', []]);
  });

  test('AWS: user data alone applies the profile once: a finding', () => {
    const o = outcome((stack) => void awsInstance(stack, profile()), 'aws_instance');
    expect(o.compliance).toBe('non_compliant');
    expect(o.findings.join(' ')).toMatch(/nothing re-applies the hardening profile on a schedule \(user_data\)/);
  });

  test('AWS: an association every 2 hours is too slow', () => {
    const o = outcome((stack) => {
      const p = profile();
      const instance = awsInstance(stack, p);
      new AwsRdpHardeningAssociation(stack, 'Hardening', { profile: p, instanceIds: [instance.id], scheduleExpression: 'rate(2 hours)' });
    }, 'aws_instance');
    expect(o.compliance).toBe('non_compliant');
    expect(o.findings.join(' ')).toMatch(/every 120 minutes, more than 30/);
  });

  test('Azure: AzureRdpHardeningRunCommand delivers the script with its local drift-correction task', () => {
    const o = outcome((stack) => {
      const vm = azureVm(stack);
      new AzureRdpHardeningRunCommand(stack, 'Hardening', { profile: profile(), virtualMachineId: vm.id, location: vm.location });
    }, 'azurerm_windows_virtual_machine');
    expect([o.compliance, o.findings]).toEqual(['compliant', []]);
  });

  test('Azure: a run command with the plain script (no local task) is a finding', () => {
    const o = outcome((stack) => {
      const vm = azureVm(stack);
      new VirtualMachineRunCommand(stack, 'Plain', { name: 'plain', location: 'westeurope', virtualMachineId: vm.id, source: { script: profile().script } });
    }, 'azurerm_windows_virtual_machine');
    expect(o.compliance).toBe('non_compliant');
    expect(o.findings.join(' ')).toMatch(/nothing re-applies the hardening profile on a schedule/);
  });

  test('Azure: the body is judged, not the manifest: a claimed task the body never installs, or a slower interval, is a finding', () => {
    const drift = profile().driftCorrectingScript;
    const noInstall = drift.replace(/^ *try \{ Install-DriftCorrectionTask \} catch .*\n/m, '');
    const slower = drift.replace(/^\$DriftIntervalMinutes = 30$/m, '$DriftIntervalMinutes = 120');
    expect([noInstall, slower]).not.toContain(drift);
    const judged = (script: string) =>
      outcome((stack) => {
        const vm = azureVm(stack);
        new VirtualMachineRunCommand(stack, 'Edited', { name: 'edited', location: 'westeurope', virtualMachineId: vm.id, source: { script } });
      }, 'azurerm_windows_virtual_machine');
    // Both keep the manifest line claiming {"intervalMinutes":30}.
    expect(noInstall).toMatch(/"localDriftTask":\{"intervalMinutes":30/);
    const claimed = judged(noInstall);
    expect(claimed.compliance).toBe('non_compliant');
    expect(claimed.findings.join(' ')).toMatch(/claims a local drift-correction task, but the script body does not install one/);
    const slow = judged(slower);
    expect(slow.compliance).toBe('non_compliant');
    expect(slow.findings.join(' ')).toMatch(/runs every 120 minutes, more than 30/);
  });
});
