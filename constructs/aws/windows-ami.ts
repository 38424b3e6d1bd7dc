import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { Construct } from 'constructs';
import { RdpValidationError, showValue } from '../core';
import { IRdpHostImage } from '../host';
import { WindowsServerVersion } from '../windows';

/** Options of {@link WindowsAmi.fromId}. */
export interface WindowsAmiOptions {
  /**
   * The Windows Server release of the image; decides whether TLS 1.3 is configured in the guest.
   * @default WindowsServerVersion.SERVER_2022
   */
  readonly windowsVersion?: WindowsServerVersion;
}

/** What an AMI bound to a host resolves to. */
export interface BoundWindowsAmi {
  /** The AMI ID, or a reference to the SSM parameter's value. */
  readonly amiId: string;
  /** True when the ID comes from a "latest" lookup, so AMI drift must not replace the instance. */
  readonly ignoreAmiChanges: boolean;
}

/**
 * The Windows Server image of an AWS host. The default path, {@link WindowsAmi.fromId}, pins an AMI ID
 * so plans are reproducible and work offline; {@link WindowsAmi.latestFromSsm} is an explicit opt-in.
 */
export abstract class WindowsAmi implements IRdpHostImage {
  /**
   * A pinned AMI ID, e.g. `ami-0123456789abcdef0`.
   * @param amiId the AMI ID (errors name it `amiId`)
   * @param options the image's Windows release
   */
  public static fromId(amiId: string, options: WindowsAmiOptions = {}): WindowsAmi {
    return new PinnedAmi(checkAmiId(amiId), options.windowsVersion ?? WindowsServerVersion.SERVER_2022);
  }

  /**
   * The latest AMI published under an AWS public SSM parameter. Needs AWS API access at plan time, and
   * the instance ignores later AMI changes (otherwise every new AMI would replace it).
   * @param parameterName @default '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base'
   */
  public static latestFromSsm(parameterName = '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base'): WindowsAmi {
    const release = /Windows_Server-(\d{4})-/.exec(parameterName);
    if (!parameterName.startsWith('/aws/service/ami-windows-latest/') || !release) {
      throw new RdpValidationError('parameterName', parameterName, 'must be a public Windows Server AMI parameter such as "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base".');
    }
    return new SsmLatestAmi(parameterName, WindowsServerVersion.fromName(release[1], 'parameterName'));
  }

  /** The image's Windows Server release. */
  public readonly windowsVersion: WindowsServerVersion;

  protected constructor(windowsVersion: WindowsServerVersion) {
    this.windowsVersion = windowsVersion;
  }

  /** Resolves the image for a host. @internal */
  public abstract bind(scope: Construct): BoundWindowsAmi;
}

class PinnedAmi extends WindowsAmi {
  constructor(
    private readonly amiId: string,
    windowsVersion: WindowsServerVersion,
  ) {
    super(windowsVersion);
  }

  public bind(): BoundWindowsAmi {
    return { amiId: this.amiId, ignoreAmiChanges: false };
  }
}

class SsmLatestAmi extends WindowsAmi {
  constructor(
    private readonly parameterName: string,
    windowsVersion: WindowsServerVersion,
  ) {
    super(windowsVersion);
  }

  public bind(scope: Construct): BoundWindowsAmi {
    // insecure_value keeps the AMI ID readable in plans; the value is public, not a secret.
    const parameter = new DataAwsSsmParameter(scope, 'WindowsAmiParameter', { name: this.parameterName });
    return { amiId: parameter.insecureValue, ignoreAmiChanges: true };
  }
}

/** Checks an AMI ID (`ami-` and 8 or 17 hex digits) and returns it; throws an {@link RdpValidationError} naming `field`. */
export function checkAmiId(amiId: unknown, field = 'amiId'): string {
  if (typeof amiId !== 'string' || !/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(amiId)) {
    throw new RdpValidationError(field, amiId, `must be an AMI ID such as "ami-0123456789abcdef0", got ${showValue(amiId)}.`);
  }
  return amiId;
}
