import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { VirtualNetworkGatewayConnection, VirtualNetworkGatewayConnectionIpsecPolicy } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Password } from '@cdktf/provider-random/lib/password';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { checkIntegerInRange } from './integer-range';
import { validateAzureLocation, validateNetworkResourceName, validateResourceGroupName } from './names';
import { AzureRdpHostGroup } from './rdp-host-group';
import { IAzureRdpKeyVault } from './rdp-key-vault';
import { AzureNamedRange, checkDistinctRange } from './vpn-ranges';
import { azureBgpDisabled } from '../compat';
import { checkCustomerGatewayIp, checkOnPremisesCidrs, CidrPeer, RdpValidationError, showValue, terraformLiteralTags } from '../core';
import { IRdpTarget, IRdpVpn } from '../host';

/**
 * The IPsec/IKE policy of every site-to-site connection: IKEv2 with AES-256-GCM, SHA-384 and ECP384
 * (DH group 20) for IKE, AES-256-GCM for IPsec (whose integrity must then be the same GCM algorithm) with
 * PFS ECP384, and Azure's default lifetimes. Without a custom policy Azure also offers DH group 2
 * (1024-bit) in main mode (vpn-gateway-about-compliance-crypto; DOMAIN.md §3.1).
 */
export const STRONG_AZURE_IPSEC_POLICY: Readonly<VirtualNetworkGatewayConnectionIpsecPolicy> = {
  ikeEncryption: 'GCMAES256',
  ikeIntegrity: 'SHA384',
  dhGroup: 'ECP384',
  ipsecEncryption: 'GCMAES256',
  ipsecIntegrity: 'GCMAES256',
  pfsGroup: 'ECP384',
  saLifetime: 27000,
  saDatasize: 102400000,
};

/** Length of the generated pre-shared key: letters and digits only, which every IPsec device accepts. */
export const SHARED_KEY_LENGTH = 48;

/** What a site-to-site connection needs besides its gateway (see {@link AzureRdpVpnGateway.addSiteToSiteConnection}). */
export interface AzureRdpSiteToSiteConnectionOptions {
  /** Public IPv4 address of the on-premises VPN device. */
  readonly customerGatewayIp: string;
  /** Private on-premises ranges (IPv4, /16 or narrower) whose administrators may reach RDP. */
  readonly onPremisesCidrs: readonly string[];
  /**
   * A Key Vault to keep the generated pre-shared key in (secret `<name>-shared-key`), where whoever
   * configures the on-premises device reads it.
   * @default - not stored: read it with `az network vpn-connection shared-key show`
   */
  readonly keyVault?: IAzureRdpKeyVault;
  /**
   * Days from the first apply until the key's secret expires (a rotation reminder), 1–365.
   * @default 365
   */
  readonly sharedKeyValidityDays?: number;
  /**
   * Tags of the resources created.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/** Properties of {@link AzureRdpSiteToSiteConnection}. */
export interface AzureRdpSiteToSiteConnectionProps extends AzureRdpSiteToSiteConnectionOptions {
  /** Name of the connection; its local network gateway is `<name>-lgw`. */
  readonly name: string;
  /** ID of the route-based virtual network gateway the connection terminates on. */
  readonly virtualNetworkGatewayId: string;
  /** Resource group of the connection and its local network gateway. */
  readonly resourceGroupName: string;
  /** Azure region of the gateway. */
  readonly location: string;
  /**
   * Ranges the on-premises ranges must not overlap (the virtual network, the point-to-site pool).
   * @default - none checked
   */
  readonly reservedRanges?: readonly AzureNamedRange[];
}

/**
 * A site-to-site IPsec connection from an on-premises network: a local network gateway (the device's
 * address and the on-premises ranges) and an IKEv2 connection with {@link STRONG_AZURE_IPSEC_POLICY}
 * and a generated pre-shared key that appears in the plan only as a reference to `random_password`
 * (optionally kept in Key Vault). Usually created with `gateway.addSiteToSiteConnection(…)`.
 * {@link allowRdpTo} admits the on-premises ranges to a host.
 */
export class AzureRdpSiteToSiteConnection extends Construct implements IRdpVpn<AzureRdpHostGroup> {
  /** The connection's name. */
  public readonly name: string;
  /** The on-premises ranges, normalized. */
  public readonly onPremisesPeers: readonly CidrPeer[];
  /** The connection ID. */
  public readonly connectionId: string;
  /** The connection (escape hatch). */
  public readonly connection: VirtualNetworkGatewayConnection;
  /** The local network gateway (escape hatch). */
  public readonly localNetworkGateway: LocalNetworkGateway;
  /** The pre-shared key's generator (escape hatch); its `result` is the key: pass it only to sensitive arguments. */
  public readonly sharedKey: Password;
  /** The Key Vault secret holding the key, when a vault was given (escape hatch). */
  public readonly sharedKeySecret?: KeyVaultSecret;

  constructor(scope: Construct, id: string, props: AzureRdpSiteToSiteConnectionProps) {
    super(scope, id);
    const name = validateNetworkResourceName(props.name, 'name');
    this.name = name;
    if (props.keyVault && !/^[a-zA-Z0-9-]{1,114}$/.test(name)) {
      throw new RdpValidationError('name', name, `must be letters, digits and hyphens when the key is kept in Key Vault (the secret is "<name>-shared-key"), got ${showValue(name)}.`);
    }
    checkCustomerGatewayIp(props.customerGatewayIp);
    this.onPremisesPeers = checkOnPremisesCidrs(props.onPremisesCidrs, undefined);
    this.onPremisesPeers.forEach((peer, index) => checkDistinctRange(`onPremisesCidrs[${index}]`, peer.cidr, props.reservedRanges ?? []));
    const validityDays = checkIntegerInRange(props.sharedKeyValidityDays ?? 365, 1, 365, 'sharedKeyValidityDays', 'days until the key\'s secret expires');
    const common = { resourceGroupName: validateResourceGroupName(props.resourceGroupName), location: validateAzureLocation(props.location), tags: props.tags && terraformLiteralTags(props.tags) };

    this.localNetworkGateway = new LocalNetworkGateway(this, 'LocalNetworkGateway', {
      ...common,
      name: validateNetworkResourceName(`${name}-lgw`, 'name'),
      gatewayAddress: props.customerGatewayIp,
      addressSpace: this.onPremisesPeers.map((p) => p.cidr),
    });
    this.sharedKey = new Password(this, 'SharedKey', { length: SHARED_KEY_LENGTH, special: false, minUpper: 4, minLower: 4, minNumeric: 4 });
    this.connection = new VirtualNetworkGatewayConnection(this, 'Resource', {
      ...common,
      name,
      type: 'IPsec',
      virtualNetworkGatewayId: props.virtualNetworkGatewayId,
      localNetworkGatewayId: this.localNetworkGateway.id,
      sharedKey: this.sharedKey.result,
      connectionProtocol: 'IKEv2',
      ...azureBgpDisabled(),
      usePolicyBasedTrafficSelectors: false,
      ipsecPolicy: { ...STRONG_AZURE_IPSEC_POLICY },
      timeouts: { create: '60m', update: '60m', delete: '60m' },
    });
    this.connectionId = this.connection.id;
    if (props.keyVault) {
      this.sharedKeySecret = new KeyVaultSecret(this, 'SharedKeySecret', {
        name: `${name}-shared-key`,
        keyVaultId: props.keyVault.keyVaultId,
        value: this.sharedKey.result,
        contentType: 'ipsec-pre-shared-key',
        expirationDate: Fn.timeadd(Fn.plantimestamp(), `${validityDays * 24}h`),
        lifecycle: { ignoreChanges: ['expiration_date'] },
        dependsOn: [...props.keyVault.secretWriteDependencies],
        tags: terraformLiteralTags({ ...props.tags, 'vpn-connection': name }),
      });
    }
  }

  /** Lets administrators on the on-premises ranges reach a host's RDP port. */
  public allowRdpTo(target: IRdpTarget<AzureRdpHostGroup>): void {
    const host = target.group;
    for (const peer of this.onPremisesPeers) host.allowRdpFrom(peer, `RDP from on-premises ${peer.cidr} over site-to-site VPN ${this.name}`.slice(0, 140));
  }
}
