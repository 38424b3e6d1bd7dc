import { RdpValidationError, showValue } from '../core';

/** The hardware generation of a VPN gateway (`generation`; changing it replaces the gateway). */
export enum AzureVpnGatewayGeneration {
  /** First generation: VpnGw1AZ–VpnGw3AZ. */
  GENERATION_1 = 'Generation1',
  /** Second generation: VpnGw2AZ–VpnGw5AZ (higher throughput). */
  GENERATION_2 = 'Generation2',
}

/** The generations each zone-redundant SKU can run on (Microsoft "About gateway SKUs", throughput table). */
const GENERATIONS: Readonly<Record<string, readonly AzureVpnGatewayGeneration[]>> = {
  VpnGw1AZ: [AzureVpnGatewayGeneration.GENERATION_1],
  VpnGw2AZ: [AzureVpnGatewayGeneration.GENERATION_1, AzureVpnGatewayGeneration.GENERATION_2],
  VpnGw3AZ: [AzureVpnGatewayGeneration.GENERATION_1, AzureVpnGatewayGeneration.GENERATION_2],
  VpnGw4AZ: [AzureVpnGatewayGeneration.GENERATION_2],
  VpnGw5AZ: [AzureVpnGatewayGeneration.GENERATION_2],
};

/** Why a SKU Azure still lists is refused (DOMAIN.md §3.1, gateway-sku-consolidation). */
const REFUSED: Readonly<Record<string, string>> = {
  basic: 'is the legacy Basic SKU (SSTP-only point-to-site, no OpenVPN or Entra ID, no custom IPsec policy)',
  standard: 'is a legacy SKU, retired on 30 September 2025',
  highperformance: 'is a legacy SKU, retired on 30 September 2025',
  ultraperformance: 'is an ExpressRoute SKU, not a VPN SKU',
};

const ALLOWED = `Allowed: ${Object.keys(GENERATIONS).join(', ')} (zone-redundant).`;

/**
 * A zone-redundant VPN gateway SKU and the generation it runs on. Only the AZ SKUs are offered: Basic is
 * legacy (no OpenVPN, no Entra ID, no custom IPsec policy), and new non-AZ VpnGw1–VpnGw5 gateways cannot be
 * created since 1 January 2025. The generation always fits the SKU (VpnGw1AZ is Generation1 only,
 * VpnGw4AZ/VpnGw5AZ Generation2 only).
 */
export class AzureVpnGatewaySku {
  /** Every SKU name accepted, smallest first. */
  public static readonly NAMES: readonly string[] = Object.keys(GENERATIONS);

  /** VpnGw1AZ (Generation1): 250 point-to-site connections, 30 site-to-site tunnels, 650 Mbps. The default. */
  public static vpnGw1AZ(): AzureVpnGatewaySku {
    return AzureVpnGatewaySku.fromName('VpnGw1AZ');
  }

  /** VpnGw2AZ: 500 point-to-site connections. @param generation @default AzureVpnGatewayGeneration.GENERATION_2 */
  public static vpnGw2AZ(generation = AzureVpnGatewayGeneration.GENERATION_2): AzureVpnGatewaySku {
    return AzureVpnGatewaySku.fromName('VpnGw2AZ', generation);
  }

  /** VpnGw3AZ: 1,000 point-to-site connections. @param generation @default AzureVpnGatewayGeneration.GENERATION_2 */
  public static vpnGw3AZ(generation = AzureVpnGatewayGeneration.GENERATION_2): AzureVpnGatewaySku {
    return AzureVpnGatewaySku.fromName('VpnGw3AZ', generation);
  }

  /** VpnGw4AZ (Generation2): 5,000 point-to-site connections. */
  public static vpnGw4AZ(): AzureVpnGatewaySku {
    return AzureVpnGatewaySku.fromName('VpnGw4AZ');
  }

  /** VpnGw5AZ (Generation2): 10,000 point-to-site connections. */
  public static vpnGw5AZ(): AzureVpnGatewaySku {
    return AzureVpnGatewaySku.fromName('VpnGw5AZ');
  }

  /**
   * A SKU from its name, e.g. from a configuration file.
   * @param name e.g. `VpnGw2AZ`
   * @param generation @default - the newest generation the SKU supports
   * @throws RdpValidationError naming `sku` (a bad SKU) or `generation` (a generation the SKU cannot run on)
   */
  public static fromName(name: string, generation?: string): AzureVpnGatewaySku {
    const generations = typeof name === 'string' ? GENERATIONS[name] : undefined;
    if (!generations) {
      const lower = typeof name === 'string' ? name.toLowerCase() : '';
      const why = REFUSED[lower]
        ?? (/^vpngw[1-5]$/.test(lower) ? 'is a non-zone-redundant SKU: new VpnGw1–VpnGw5 gateways cannot be created since 1 January 2025; use its AZ twin' : undefined)
        ?? (/^ergw/.test(lower) ? 'is an ExpressRoute SKU, not a VPN SKU' : 'is not a VPN gateway SKU');
      throw new RdpValidationError('sku', name, `${why}, got ${showValue(name)}. ${ALLOWED}`);
    }
    const chosen = generation ?? generations[generations.length - 1];
    if (!generations.includes(chosen as AzureVpnGatewayGeneration)) {
      throw new RdpValidationError(
        'generation',
        generation,
        `must be ${generations.join(' or ')} for ${name}, got ${showValue(generation)}. VpnGw1AZ runs on Generation1 only, VpnGw2AZ and VpnGw3AZ on either, VpnGw4AZ and VpnGw5AZ on Generation2 only.`,
      );
    }
    return new AzureVpnGatewaySku(name, chosen as AzureVpnGatewayGeneration);
  }

  /** The SKU name, e.g. `VpnGw1AZ`. */
  public readonly name: string;
  /** The generation. */
  public readonly generation: AzureVpnGatewayGeneration;

  private constructor(name: string, generation: AzureVpnGatewayGeneration) {
    this.name = name;
    this.generation = generation;
  }
}
