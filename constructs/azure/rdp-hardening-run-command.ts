import { VirtualMachineRunCommand } from '@cdktf/provider-azurerm/lib/virtual-machine-run-command';
import { ITerraformDependable, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { RdpValidationError, RdpValidationErrors, recordAcknowledgements, showValue, terraformLiteralTags } from '../core';
import { resolveProfile } from '../host';
import { RdpHardeningProfile } from '../windows';

const RUN_COMMAND_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,78}[a-zA-Z0-9_]$/;

/** Properties of {@link AzureRdpHardeningRunCommand}. */
export interface AzureRdpHardeningRunCommandProps {
  /**
   * The hardening profile to apply; the same object whose port and allowlist drive the NSG. A function
   * is called at synthesis, so sources admitted after construction reach the guest firewall too.
   */
  readonly profile: RdpHardeningProfile | (() => RdpHardeningProfile);
  /** ID of the Windows VM, e.g. `host.virtualMachine.id`; the run command is created after the VM. */
  readonly virtualMachineId: string;
  /** Azure region of the VM. */
  readonly location: string;
  /**
   * Name of the run command on the VM.
   * @default 'secure-rdp-hardening'
   */
  readonly name?: string;
  /**
   * Minutes the script may run on create or update before the deployment fails (5 to 90). The provider
   * passes this as the run command's `timeoutInSeconds`.
   * @default 30
   */
  readonly timeoutMinutes?: number;
  /**
   * Resources that must exist before the script runs (the VM itself, its NIC/NSG association, ...).
   * @default - only the implicit dependency on the VM through `virtualMachineId`
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Tags of the run command resource.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Applies an RDP hardening profile inside an Azure Windows VM with a managed Run Command
 * (`azurerm_virtual_machine_run_command`, `source.script` = the profile's
 * {@link RdpHardeningProfile.driftCorrectingScript}), and keeps it applied: the script installs a SYSTEM
 * scheduled task that re-runs a protected local copy of itself every 30 minutes and at start-up, the same
 * interval as the AWS State Manager association, and writes each run's summary to the Application event log.
 *
 * Why a run command and not the Custom Script Extension: the provider marks a failed script as a failed
 * deployment (`treatFailureAsDeploymentFailure`, synchronous execution), a VM may carry several run
 * commands while it may carry only one Custom Script Extension (left free for the user), and the run
 * command re-runs whenever the script changes, which also replaces the local copy. See docs/hardening.md
 * ("Drift correction").
 */
export class AzureRdpHardeningRunCommand extends Construct {
  /** The run command resource. */
  public readonly runCommand: VirtualMachineRunCommand;

  constructor(scope: Construct, id: string, props: AzureRdpHardeningRunCommandProps) {
    super(scope, id);
    const name = props.name ?? 'secure-rdp-hardening';
    const timeoutMinutes = props.timeoutMinutes ?? 30;
    validate(props, name, timeoutMinutes);

    this.runCommand = new VirtualMachineRunCommand(this, 'Resource', {
      name,
      location: props.location,
      virtualMachineId: props.virtualMachineId,
      source: { script: Lazy.stringValue({ produce: () => resolveProfile(props.profile).driftCorrectingScript }) },
      timeouts: { create: `${timeoutMinutes}m`, update: `${timeoutMinutes}m`, delete: '30m' },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      tags: props.tags && terraformLiteralTags(props.tags),
    });
    recordAcknowledgements(this.runCommand, () => resolveProfile(props.profile).acknowledgements);
  }
}

function validate(props: AzureRdpHardeningRunCommandProps, name: string, timeoutMinutes: number): void {
  const problems: RdpValidationError[] = [];
  if (!(props.profile instanceof RdpHardeningProfile) && typeof props.profile !== 'function') {
    problems.push(new RdpValidationError('profile', props.profile, `must be an RdpHardeningProfile, got ${showValue(props.profile)}.`));
  }
  for (const field of ['virtualMachineId', 'location'] as const) {
    if (typeof props[field] !== 'string' || props[field].trim() === '') {
      problems.push(new RdpValidationError(field, props[field], `must be a non-empty string, got ${showValue(props[field])}.`));
    }
  }
  if (!Token.isUnresolved(name) && !RUN_COMMAND_NAME.test(name)) {
    problems.push(new RdpValidationError('name', name, `must be 2 to 80 letters, digits, "_", "-" or ".", starting with a letter or digit, got ${showValue(name)}.`));
  }
  if (!Number.isInteger(timeoutMinutes) || timeoutMinutes < 5 || timeoutMinutes > 90) {
    problems.push(new RdpValidationError('timeoutMinutes', timeoutMinutes, `must be an integer from 5 to 90, got ${showValue(timeoutMinutes)}.`));
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new RdpValidationErrors(problems, 'Invalid AzureRdpHardeningRunCommand props');
}
