import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { Fn, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { validateLogRetentionDays } from './flow-log-retention';
import { RdpPort, RdpValidationError, showValue } from '../core';

/** Default retention of the session logs, in days. */
export const DEFAULT_SESSION_LOG_RETENTION_DAYS = 365;

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-fA-F-]{36}$/;

/** Options of Session Manager access that a team may set (on the host group or in the configuration file). */
export interface AwsSessionManagerOptions {
  /**
   * Days CloudWatch Logs keeps the session logs (a CloudWatch retention value, at least 90).
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key that encrypts the session log group. Its key policy must let `logs.<region>.amazonaws.com` use it.
   * @default - a key created for the group (rotation on), usable only by the account and by CloudWatch Logs for this account's log groups
   */
  readonly logKmsKeyArn?: string;
  /**
   * Minutes without traffic after which Session Manager ends a session (1–60).
   * @default 20
   */
  readonly idleSessionTimeoutMinutes?: number;
}

/** Properties of {@link AwsRdpSessionManagerAccess}. */
export interface AwsRdpSessionManagerAccessProps extends AwsSessionManagerOptions {
  /** The RDP port the port-forwarding document is pinned to. */
  readonly rdpPort: RdpPort;
  /** The hosts' instance role: gets the permissions the SSM agent needs to write the session logs. */
  readonly instanceRole: IamRole;
  /** ARNs of the hosts operators may open sessions to (read at synthesis, after every member joined). */
  readonly instanceArns: () => string[];
}

/**
 * Zero-inbound RDP through AWS Systems Manager Session Manager, for one host group:
 * - a `Session` document of `sessionType: "Port"` pinned to the group's RDP port (operators choose only
 *   the local port), so a session can reach nothing else on the host; the SSM agent connects to the
 *   host's loopback, the only source its guest firewall admits;
 * - an operator policy (`aws_iam_policy`, attach it to an admin role or SSO permission set) that allows
 *   `ssm:StartSession` only with that document and only on the group's instances, and
 *   `ssm:TerminateSession` / `ssm:ResumeSession` only on the caller's own sessions;
 * - a Session Manager preferences document (`Standard_Stream`) that streams session logs to a
 *   KMS-encrypted CloudWatch log group with a retention, and the instance-role permissions the agent
 *   needs to write there.
 *
 * Session Manager does not record the data of port-forwarding sessions (the RDP stream is TLS inside the
 * tunnel); who opened which session, when, to which host, with which document is recorded by CloudTrail
 * (`StartSession`, `TerminateSession`) and in the Session Manager history. See docs/zero-inbound.md.
 */
export class AwsRdpSessionManagerAccess extends Construct {
  /** The port-forwarding document (pass its name as `--document-name`). */
  public readonly document: SsmDocument;
  /** The Session Manager preferences document (logging, idle timeout). */
  public readonly preferences: SsmDocument;
  /** The policy to attach to the operators' role or permission set. */
  public readonly operatorPolicy: IamPolicy;
  /** The session log group. */
  public readonly logGroup: CloudwatchLogGroup;
  /** The key created for the log group, unless one was given. */
  public readonly kmsKey?: KmsKey;
  /** The document's name. */
  public readonly documentName: string;

  constructor(scope: Construct, id: string, props: AwsRdpSessionManagerAccessProps) {
    super(scope, id);
    const retentionDays = validateLogRetentionDays(props.logRetentionDays ?? DEFAULT_SESSION_LOG_RETENTION_DAYS, 'logRetentionDays');
    const idleMinutes = props.idleSessionTimeoutMinutes ?? 20;
    if (!Number.isInteger(idleMinutes) || idleMinutes < 1 || idleMinutes > 60) {
      throw new RdpValidationError('idleSessionTimeoutMinutes', idleMinutes, `must be an integer from 1 to 60 (Session Manager's limits), got ${showValue(idleMinutes)}.`);
    }
    if (props.logKmsKeyArn !== undefined && !KMS_KEY_ARN.test(props.logKmsKeyArn)) {
      throw new RdpValidationError('logKmsKeyArn', props.logKmsKeyArn, `must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), got ${showValue(props.logKmsKeyArn)}.`);
    }
    const partition = new DataAwsPartition(this, 'Partition').partition;
    const region = new DataAwsRegion(this, 'Region').name;
    // The account, from the role's ARN: no API call at plan time (aws_caller_identity would make one).
    const account = Fn.element(Fn.split(':', props.instanceRole.arn), 4);
    const suffix = this.node.addr.slice(0, 16);
    const logGroupName = `/secure-rdp-hosts/session-manager/${suffix}`;

    const kmsKeyArn = props.logKmsKeyArn ?? (this.kmsKey = this.createKey(partition, region, account, logGroupName)).arn;
    this.logGroup = new CloudwatchLogGroup(this, 'SessionLogs', { name: logGroupName, retentionInDays: retentionDays, kmsKeyId: kmsKeyArn });

    this.documentName = `SecureRdpSession-${suffix}`;
    this.document = new SsmDocument(this, 'PortForwarding', {
      name: this.documentName,
      documentType: 'Session',
      documentFormat: 'JSON',
      content: JSON.stringify(portForwardingDocumentContent(props.rdpPort), null, 2),
    });
    this.preferences = new SsmDocument(this, 'Preferences', {
      name: `SecureRdpSessionPreferences-${suffix}`,
      documentType: 'Session',
      documentFormat: 'JSON',
      content: JSON.stringify(sessionPreferencesContent(logGroupName, idleMinutes), null, 2),
    });

    const agent = new DataAwsIamPolicyDocument(this, 'AgentLogging', {
      statement: [
        { sid: 'WriteSessionLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${this.logGroup.arn}:*`] },
        // The agent checks that the group is encrypted before streaming (cloudWatchEncryptionEnabled).
        { sid: 'CheckSessionLogGroup', actions: ['logs:DescribeLogGroups', 'logs:DescribeLogStreams'], resources: ['*'] },
      ],
    });
    new IamRolePolicy(this, 'AgentLoggingPolicy', { namePrefix: 'rdp-session-logs-', role: props.instanceRole.name, policy: agent.json });

    const operator = new DataAwsIamPolicyDocument(this, 'OperatorDocument', {
      statement: [
        {
          sid: 'StartRdpPortForwarding',
          actions: ['ssm:StartSession'],
          resources: Lazy.listValue({ produce: () => [...props.instanceArns(), this.document.arn] }),
          // Without it, StartSession without --document-name would open a shell (SSM-SessionManagerRunShell).
          condition: [{ test: 'BoolIfExists', variable: 'ssm:SessionDocumentAccessCheck', values: ['true'] }],
        },
        {
          sid: 'EndOwnSessions',
          actions: ['ssm:TerminateSession', 'ssm:ResumeSession'],
          // A literal IAM policy variable: `$${` keeps Terraform from reading it as an interpolation.
          resources: [`arn:${partition}:ssm:*:*:session/$\${aws:userid}-*`],
        },
      ],
    });
    this.operatorPolicy = new IamPolicy(this, 'OperatorPolicy', {
      namePrefix: 'rdp-session-operator-',
      description: `Open Session Manager RDP tunnels (document ${this.documentName}, port ${props.rdpPort.number}) to the hosts of ${scope.node.path}`,
      policy: operator.json,
    });
  }

  private createKey(partition: string, region: string, account: string, logGroupName: string): KmsKey {
    const policy = new DataAwsIamPolicyDocument(this, 'KeyPolicy', {
      statement: [
        { sid: 'AccountAdministers', actions: ['kms:*'], resources: ['*'], principals: [{ type: 'AWS', identifiers: [`arn:${partition}:iam::${account}:root`] }] },
        {
          sid: 'CloudWatchLogsEncryptsSessionLogs',
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          resources: ['*'],
          principals: [{ type: 'Service', identifiers: [`logs.${region}.amazonaws.com`] }],
          condition: [{ test: 'ArnEquals', variable: 'kms:EncryptionContext:aws:logs:arn', values: [`arn:${partition}:logs:${region}:${account}:log-group:${logGroupName}`] }],
        },
      ],
    });
    return new KmsKey(this, 'LogKey', {
      description: `Encrypts the Session Manager logs of ${this.node.scope!.node.path}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policy.json,
    });
  }
}

/** The `Session` document (schema 1.0, `sessionType: "Port"`) pinned to the RDP port; only the local port is a parameter. Pure. */
export function portForwardingDocumentContent(port: RdpPort): Record<string, unknown> {
  return {
    schemaVersion: '1.0',
    description: `secure-rdp-hosts: RDP port forwarding to port ${port.number} on the host's loopback (no other port).`,
    sessionType: 'Port',
    parameters: {
      localPortNumber: {
        type: 'String',
        description: `Port on your computer that forwards to the host's RDP port ${port.number}; connect mstsc to localhost:<this>.`,
        allowedPattern: '^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$',
        default: String(port.number),
      },
    },
    properties: { portNumber: String(port.number), type: 'LocalPortForwarding', localPortNumber: '{{ localPortNumber }}' },
  };
}

/** The Session Manager preferences (`Standard_Stream`): encrypted CloudWatch logging, idle timeout. Pure. */
export function sessionPreferencesContent(logGroupName: string, idleSessionTimeoutMinutes: number): Record<string, unknown> {
  return {
    schemaVersion: '1.0',
    description: 'secure-rdp-hosts: Session Manager preferences: session logs streamed to an encrypted CloudWatch log group.',
    sessionType: 'Standard_Stream',
    inputs: {
      cloudWatchLogGroupName: logGroupName,
      cloudWatchEncryptionEnabled: true,
      cloudWatchStreamingEnabled: true,
      s3BucketName: '',
      s3EncryptionEnabled: true,
      idleSessionTimeout: String(idleSessionTimeoutMinutes),
      runAsEnabled: false,
    },
  };
}
