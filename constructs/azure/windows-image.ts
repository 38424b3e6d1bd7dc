import { RdpValidationError, showValue } from '../core';
import { IRdpHostImage } from '../host';
import { WindowsServerVersion } from '../windows';

/** A marketplace image reference, as `source_image_reference` takes it. */
export interface AzureImageReference {
  /** Publisher, e.g. `MicrosoftWindowsServer`. */
  readonly publisher: string;
  /** Offer, e.g. `WindowsServer`. */
  readonly offer: string;
  /** SKU, e.g. `2022-datacenter-azure-edition`. */
  readonly sku: string;
  /** Version, e.g. `latest` or `20348.2700.240905`. */
  readonly version: string;
}

const WINDOWS_SERVER = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer' } as const;

/**
 * The Windows Server image of an Azure host. Every choice here is a Generation 2 image, which Trusted
 * Launch (secure boot and vTPM) requires. `version` defaults to `latest`: Azure resolves it when the VM
 * is created, and later image releases do not replace an existing VM.
 */
export class AzureWindowsImage implements IRdpHostImage {
  /** Windows Server 2022 Datacenter: Azure Edition (hotpatch-capable, Gen2). The default. */
  public static server2022DatacenterAzureEdition(version = 'latest'): AzureWindowsImage {
    return new AzureWindowsImage({ ...WINDOWS_SERVER, sku: '2022-datacenter-azure-edition', version }, WindowsServerVersion.SERVER_2022);
  }

  /** Windows Server 2025 Datacenter: Azure Edition (Gen2). */
  public static server2025DatacenterAzureEdition(version = 'latest'): AzureWindowsImage {
    return new AzureWindowsImage({ ...WINDOWS_SERVER, sku: '2025-datacenter-azure-edition', version }, WindowsServerVersion.SERVER_2025);
  }

  /** Windows Server 2022 Datacenter, Gen2 (not Azure Edition). */
  public static server2022DatacenterGen2(version = 'latest'): AzureWindowsImage {
    return new AzureWindowsImage({ ...WINDOWS_SERVER, sku: '2022-datacenter-g2', version }, WindowsServerVersion.SERVER_2022);
  }

  /**
   * Windows Server 2019 Datacenter, Gen2 (`2019-datacenter-gensecond`): the guest hardening then
   * configures TLS 1.2 only (SCHANNEL has no TLS 1.3 before 2022), as on an AWS 2019 AMI.
   */
  public static server2019DatacenterGen2(version = 'latest'): AzureWindowsImage {
    return new AzureWindowsImage({ ...WINDOWS_SERVER, sku: '2019-datacenter-gensecond', version }, WindowsServerVersion.SERVER_2019);
  }

  /**
   * The image named in a configuration file: `2022-datacenter-azure-edition` (default),
   * `2025-datacenter-azure-edition`, `2022-datacenter-g2` or `2019-datacenter-gensecond`.
   * @param sku one of {@link AzureWindowsImage.SKUS}
   * @param field the name reported in errors @default 'image'
   */
  public static fromSku(sku: string): AzureWindowsImage {
    const factory = AzureWindowsImage.FACTORIES[sku];
    if (!factory) {
      throw new RdpValidationError('image', sku, `must name a supported Windows Server image, got ${showValue(sku)}. Allowed: ${AzureWindowsImage.SKUS.map((s) => `"${s}"`).join(', ')}.`);
    }
    return factory();
  }

  private static readonly FACTORIES: Record<string, () => AzureWindowsImage> = {
    '2022-datacenter-azure-edition': () => AzureWindowsImage.server2022DatacenterAzureEdition(),
    '2025-datacenter-azure-edition': () => AzureWindowsImage.server2025DatacenterAzureEdition(),
    '2022-datacenter-g2': () => AzureWindowsImage.server2022DatacenterGen2(),
    '2019-datacenter-gensecond': () => AzureWindowsImage.server2019DatacenterGen2(),
  };

  /** The SKUs {@link AzureWindowsImage.fromSku} accepts. */
  public static readonly SKUS: readonly string[] = Object.keys(AzureWindowsImage.FACTORIES);

  /** The marketplace reference. */
  public readonly reference: AzureImageReference;
  /** The image's Windows Server release: what the guest hardening profile targets. */
  public readonly windowsVersion: WindowsServerVersion;

  private constructor(reference: AzureImageReference, windowsVersion: WindowsServerVersion) {
    if (typeof reference.version !== 'string' || !/^(latest|\d+\.\d+\.\d+)$/.test(reference.version)) {
      throw new RdpValidationError('image.version', reference.version, `must be "latest" or a version such as "20348.2700.240905", got ${showValue(reference.version)}.`);
    }
    this.reference = reference;
    this.windowsVersion = windowsVersion;
  }
}
