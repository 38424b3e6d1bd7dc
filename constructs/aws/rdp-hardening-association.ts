import { SsmAssociation } from '@cdktf/provider-aws/lib/ssm-association';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { RdpValidationError, RdpValidationErrors, recordAcknowledgements, showValue } from '../core';
import { resolveProfile } from '../host';
import { RdpHardeningProfile } from '../windows';

/** Compliance severities State Manager accepts. */
const COMPLIANCE_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNSPECIFIED'];
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const DOCUMENT_NAME = /^[a-zA-Z0-9_.-]{3,128}$/;

/** Properties of {@link AwsRdpHardeningAssociation}. */
export interface AwsRdpHardeningAssociationProps {
  /**
   * The hardening profile to apply; the same object whose port and allowlist drive the security group.
   * A function is called at synthesis, so sources added after construction (e.g. `vpn.allowRdpTo(host)`)
   * reach the guest firewall too.
   */
  readonly profile: RdpHardeningProfile | (() => RdpHardeningProfile);
  /**
   * IDs of the instances to keep hardened, e.g. `[host.instance.id]` (at most 50). Exactly one of this and {@link instanceTag}.
   * @default - the instances carrying {@link instanceTag}
   */
  readonly instanceIds?: readonly string[];
  /**
   * A tag that marks the instances to keep hardened (any number; instances tagged later are picked up too).
   * Exactly one of this and {@link instanceIds}.
   * @default - the instances listed in {@link instanceIds}
   */
  readonly instanceTag?: { readonly key: string; readonly value: string };
  /**
   * How often State Manager re-applies the profile (drift correction): `rate(...)` of at least 30 minutes, or `cron(...)`.
   * @default 'rate(30 minutes)'
   */
  readonly scheduleExpression?: string;
  /**
   * How long `terraform apply` waits for the first run to succeed; a failing script fails the deploy.
   * Covers instance boot and SSM agent registration (15 to 172800).
   * @default 1800
   */
  readonly waitForSuccessTimeoutSeconds?: number;
  /**
   * Time the script may run on an instance before SSM stops it (60 to 172800).
   * @default 900
   */
  readonly executionTimeoutSeconds?: number;
  /**
   * Severity of a non-compliant (failed) run in Systems Manager compliance.
   * @default 'HIGH'
   */
  readonly complianceSeverity?: string;
  /**
   * Name of the SSM document (unique per account and region).
   * @default - `SecureRdpHardening-` followed by a hash of the construct path
   */
  readonly documentName?: string;
}

/**
 * Keeps an RDP hardening profile applied on EC2 instances: an SSM Command document
 * (`aws:runPowerShellScript` with the profile's script) and a State Manager association that runs it
 * on the instances right away and then on a schedule, correcting drift. `wait_for_success_timeout_seconds`
 * makes `terraform apply` wait for the first run, so a failing script fails the deploy.
 *
 * The instances need the SSM agent (preinstalled on AWS Windows AMIs), an instance profile with
 * `AmazonSSMManagedInstanceCore`, and outbound HTTPS to the SSM endpoints.
 */
export class AwsRdpHardeningAssociation extends Construct {
  /** Managed policy the instances' role needs for the association to reach them. */
  public static readonly REQUIRED_MANAGED_POLICY = 'AmazonSSMManagedInstanceCore';

  /** The SSM Command document holding the script. */
  public readonly document: SsmDocument;
  /** The State Manager association. */
  public readonly association: SsmAssociation;

  constructor(scope: Construct, id: string, props: AwsRdpHardeningAssociationProps) {
    super(scope, id);
    const schedule = props.scheduleExpression ?? 'rate(30 minutes)';
    const waitSeconds = props.waitForSuccessTimeoutSeconds ?? 1800;
    const executionSeconds = props.executionTimeoutSeconds ?? 900;
    const severity = props.complianceSeverity ?? 'HIGH';
    const documentName = props.documentName ?? `SecureRdpHardening-${this.node.addr.slice(0, 16)}`;
    validate(props, schedule, waitSeconds, executionSeconds, severity, documentName);

    this.document = new SsmDocument(this, 'Document', {
      name: documentName,
      documentType: 'Command',
      documentFormat: 'JSON',
      targetType: '/AWS::EC2::Instance',
      content: Lazy.stringValue({ produce: () => JSON.stringify(hardeningDocumentContent(resolveProfile(props.profile), executionSeconds), null, 2) }),
    });
    this.association = new SsmAssociation(this, 'Resource', {
      name: this.document.name,
      documentVersion: this.document.defaultVersion,
      associationName: `${documentName}-association`,
      targets: [props.instanceTag ? { key: `tag:${props.instanceTag.key}`, values: [props.instanceTag.value] } : { key: 'InstanceIds', values: [...(props.instanceIds ?? [])] }],
      scheduleExpression: schedule,
      applyOnlyAtCronInterval: false,
      waitForSuccessTimeoutSeconds: waitSeconds,
      complianceSeverity: severity,
      syncCompliance: 'AUTO',
    });
    // On the resource that carries the script, where the policy engine's guest rules look.
    recordAcknowledgements(this.document, () => resolveProfile(props.profile).acknowledgements);
  }
}

/** The SSM Command document (schema 2.2) that runs the profile's script on Windows instances. Pure. */
export function hardeningDocumentContent(profile: RdpHardeningProfile, executionTimeoutSeconds: number): Record<string, unknown> {
  return {
    schemaVersion: '2.2',
    description: `secure-rdp-hosts: apply the RDP hardening profile (port ${profile.port.number}, TLS-only with NLA) and correct drift.`,
    mainSteps: [
      {
        action: 'aws:runPowerShellScript',
        name: 'ApplyRdpHardening',
        precondition: { StringEquals: ['platformType', 'Windows'] },
        inputs: { timeoutSeconds: String(executionTimeoutSeconds), runCommand: profile.script.replace(/\n$/, '').split('\n') },
      },
    ],
  };
}

function validate(props: AwsRdpHardeningAssociationProps, schedule: string, waitSeconds: number, executionSeconds: number, severity: string, documentName: string): void {
  const problems: RdpValidationError[] = [];
  if (!(props.profile instanceof RdpHardeningProfile) && typeof props.profile !== 'function') {
    problems.push(new RdpValidationError('profile', props.profile, `must be an RdpHardeningProfile, got ${showValue(props.profile)}.`));
  }
  if ((props.instanceIds === undefined) === (props.instanceTag === undefined)) {
    problems.push(new RdpValidationError('instanceIds', props.instanceIds, 'and `instanceTag`: set exactly one, to say which instances the association hardens.'));
  } else if (props.instanceIds !== undefined && (!Array.isArray(props.instanceIds) || props.instanceIds.length === 0 || props.instanceIds.length > 50)) {
    problems.push(new RdpValidationError('instanceIds', props.instanceIds, `must list 1 to 50 instance IDs, got ${showValue(props.instanceIds)}. Pass e.g. [host.instance.id], or target a tag with \`instanceTag\`.`));
  }
  const rate = RATE.exec(schedule);
  const rateMinutes = rate ? Number(rate[1]) * (rate[2].startsWith('hour') ? 60 : rate[2].startsWith('day') ? 1440 : 1) : undefined;
  if (!Token.isUnresolved(schedule) && !(rateMinutes !== undefined ? rateMinutes >= 30 : /^cron\(.+\)$/.test(schedule))) {
    problems.push(new RdpValidationError('scheduleExpression', schedule, `must be rate(N minutes|hours|days) of at least 30 minutes, or cron(...), got ${showValue(schedule)}. State Manager refuses shorter rates.`));
  }
  if (!Number.isInteger(waitSeconds) || waitSeconds < 15 || waitSeconds > 172800) {
    problems.push(new RdpValidationError('waitForSuccessTimeoutSeconds', waitSeconds, `must be an integer from 15 to 172800, got ${showValue(waitSeconds)}.`));
  }
  if (!Number.isInteger(executionSeconds) || executionSeconds < 60 || executionSeconds > 172800) {
    problems.push(new RdpValidationError('executionTimeoutSeconds', executionSeconds, `must be an integer from 60 to 172800, got ${showValue(executionSeconds)}.`));
  }
  if (!COMPLIANCE_SEVERITIES.includes(severity)) {
    problems.push(new RdpValidationError('complianceSeverity', severity, `must be one of ${COMPLIANCE_SEVERITIES.join(', ')}, got ${showValue(severity)}.`));
  }
  if (!Token.isUnresolved(documentName) && (!DOCUMENT_NAME.test(documentName) || /^(aws|amazon|amzn)/i.test(documentName))) {
    problems.push(new RdpValidationError('documentName', documentName, `must be 3 to 128 letters, digits, "_", "-" or "." and not start with aws, amazon or amzn, got ${showValue(documentName)}.`));
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new RdpValidationErrors(problems, 'Invalid AwsRdpHardeningAssociation props');
}
