import { z } from 'zod';
import { hardeningField } from './hardening-config';
import { acknowledgementField, azureAccessField, allowlistField, checkHostGroups, checkHostsAccess, hostAccess, internetExposureField, nameField, rdpPortField, refineByThrowing, tagsField, underField } from './fields';
import { AzureNamedRange, AzureVpnGatewayGeneration, AzureVpnGatewaySku, AzureWindowsImage, BASTION_SKUS, checkBastionSubnetCidr, checkDistinctRange, checkGatewaySubnetCidr, checkP2sAddressPool, checkP2sProtocols, DEFAULT_AZURE_ADDRESS_SPACE, DEFAULT_P2S_ADDRESS_POOL, defaultGatewaySubnetCidr, MAX_COMPUTER_NAME_LENGTH, MAX_NSG_RULES, NSG_FIXED_RULES, P2sAuthentication, SUBNET_NSG_RISK_ID, validateAdminUsername, validateAzureLocation, validateComputerName, validateDeployerIpRange, validateKeyVaultName, validateNetworkResourceName, validateResourceGroupName, validateStorageAccountId, validateSubnetId, validateSubscriptionId } from '../../constructs/azure';
import { checkCustomerGatewayIp, checkNetworkCidr, checkOnPremisesCidrs, cidrsOverlap, INTERNET_EGRESS_RISK_ID, IRdpTunnelService, ParsedCidr, Peer, RdpAccess, RdpErrorCode, RdpValidationError } from '../../constructs/core';

const azureNetwork = z
  .object({
    namePrefix: z.string().superRefine(refineByThrowing((v: string) => validateNetworkResourceName(v, 'namePrefix'))).optional().meta({ description: 'Prefix of the resource group, virtual network and subnet names. Default: the stack name.' }),
    existingResourceGroupName: z.string().superRefine(refineByThrowing((v: string) => validateResourceGroupName(v))).optional().meta({ description: 'Create everything in this existing resource group instead of a new "<namePrefix>-rg".' }),
    addressSpace: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'addressSpace'))).optional().meta({ description: `Virtual network IPv4 range (private, /16–/28). Default ${DEFAULT_AZURE_ADDRESS_SPACE}.` }),
    flowLogStorageAccountId: z.string().superRefine(refineByThrowing((v: string) => validateStorageAccountId(v))).optional().meta({ description: 'Storage account (same region) for VNet flow logs. Default: no flow logs.' }),
    flowLogRetentionDays: z.number().int().min(90).max(365).optional().meta({ description: 'Days to keep flow logs (90–365). Default 365.' }),
  })
  .strict();

const azureBastion = z
  .object({
    subnetCidr: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'subnetCidr'))).meta({ description: 'Range of AzureBastionSubnet: /26 or larger, inside network.addressSpace, apart from the host subnets and the GatewaySubnet.' }),
    sku: z.enum(BASTION_SKUS).optional().meta({ description: 'Standard (default) or Premium; both tunnel native clients to the custom RDP port. Basic and Developer reach only 3389 and are refused.' }),
    sessionRecording: z.boolean().optional().meta({ description: 'Record graphical sessions (Premium only). Default false.' }),
    scaleUnits: z.number().int().min(2).max(50).optional().meta({ description: 'Scale units, 2–50 (about 20 concurrent RDP sessions each). Default 2.' }),
    name: z.string().superRefine(refineByThrowing((v: string) => validateNetworkResourceName(v, 'name'))).optional().meta({ description: 'Bastion name. Default "<namePrefix>-bastion".' }),
  })
  .strict()
  .superRefine((bastion, ctx) => {
    if (bastion.sessionRecording && bastion.sku !== 'Premium') ctx.addIssue({ code: 'custom', path: ['sessionRecording'], message: `needs sku "Premium", got sku ${JSON.stringify(bastion.sku ?? 'Standard')}. Session recording is a Premium feature.` });
  });

const azureKeyVault = z
  .object({
    name: z.string().superRefine(refineByThrowing((v: string) => validateKeyVaultName(v))).optional().meta({ description: 'Key Vault name (3–24 characters, unique across Azure). Default: "kv-rdp-" and a hash of the subscription and stack.' }),
    deployerIpRanges: z.array(z.string().superRefine(refineByThrowing((v: string) => validateDeployerIpRange(v)))).optional().meta({ description: 'Public IPv4 addresses/ranges where Terraform runs; the vault denies every other source except trusted Azure services.' }),
    grantDeployerSecretsOfficer: z.boolean().optional().meta({ description: 'Give the identity running Terraform "Key Vault Secrets Officer" on the vault. Default true.' }),
    softDeleteRetentionDays: z.number().int().min(7).max(90).optional().meta({ description: 'Days a deleted secret or vault stays recoverable (7–90). Default 90.' }),
  })
  .strict();

/**
 * Like {@link refineByThrowing}, but the issue goes to the field the library validator names, relative
 * to the refined value (e.g. `rootCertificates[1].name`), so errors point at the entry.
 */
function refineAtField<T>(check: (value: T) => unknown) {
  return (value: T, ctx: z.RefinementCtx) => {
    try {
      check(value);
    } catch (e) {
      if (!RdpValidationError.isRdpValidationError(e)) throw e;
      ctx.addIssue({ code: 'custom', path: e.field.split(/[.[\]]/).filter(Boolean).map((k) => (/^\d+$/.test(k) ? Number(k) : k)), message: e.problem });
    }
  };
}

const azurePointToSite = z
  .object({
    addressPool: z.string().superRefine(refineByThrowing((v: string) => checkP2sAddressPool(v))).optional().meta({ description: `Client address pool: private IPv4, /16 to /29, apart from the virtual network and on-premises ranges. Default ${DEFAULT_P2S_ADDRESS_POOL}.` }),
    protocols: z.array(z.string()).optional().meta({ description: 'Tunnel protocols: "OpenVPN" (default) and/or "IkeV2" (certificates only). SSTP is refused.' }),
    entraId: z
      .object({
        tenantId: z.string().meta({ description: 'Entra ID directory (tenant) ID, a GUID (az account show --query tenantId -o tsv).' }),
        audience: z.string().optional().meta({ description: 'Audience (client ID). Default: the Microsoft-registered Azure VPN Client, c632b3df-fb67-4d84-bdcf-b95ad541b5c8.' }),
      })
      .strict()
      .optional()
      .meta({ description: 'Entra ID sign-in with the Azure VPN Client (OpenVPN only). Exactly one of this and rootCertificates.' }),
    rootCertificates: z
      .array(
        z
          .object({
            name: z.string().meta({ description: 'Name of the root certificate on the gateway.' }),
            publicCertData: z.string().meta({ description: 'Base64 DER of the root certificate on one line, without PEM header lines (openssl x509 -in root.pem -outform der | base64 -w0).' }),
          })
          .strict(),
      )
      .optional()
      .meta({ description: 'Client-certificate authentication: trusted root certificates (1–20). Exactly one of this and entraId.' }),
  })
  .strict()
  .superRefine((p2s, ctx) => {
    if ((p2s.entraId === undefined) === (p2s.rootCertificates === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'must set exactly one of entraId (recommended) and rootCertificates.' });
      return;
    }
    let auth: P2sAuthentication | undefined;
    refineAtField(() => (auth = p2sAuthenticationOf(p2s)))(p2s, ctx);
    if (auth && p2s.protocols !== undefined) refineAtField((v: string[]) => checkP2sProtocols(v, auth, 'protocols'))(p2s.protocols, ctx);
  });

/**
 * The point-to-site authentication of a parsed `pointToSite` section, checked by the library.
 * @param field the section's path, prefixed to the fields named in errors @default - fields relative to the section
 */
export function p2sAuthenticationOf(p2s: z.infer<typeof azurePointToSite>, field?: string): P2sAuthentication {
  const at = (name: string) => (field ? `${field}.${name}` : name);
  return p2s.entraId
    ? underField(at('entraId'), () => P2sAuthentication.entraId(p2s.entraId!.tenantId, { audience: p2s.entraId!.audience }))
    : underField(field, () => P2sAuthentication.certificates(p2s.rootCertificates ?? []));
}

const azureSiteToSite = z
  .object({
    name: nameField.optional().meta({ description: 'Name suffix of the connection and its local network gateway. Default "on-premises".' }),
    customerGatewayIp: z.string().superRefine(refineByThrowing(checkCustomerGatewayIp)).meta({ description: 'Public IPv4 address of the on-premises VPN device.' }),
    onPremisesCidrs: z.array(z.string()).superRefine(refineByThrowing((v: string[]) => checkOnPremisesCidrs(v, undefined))).meta({ description: 'Private on-premises ranges (IPv4, /16 or narrower) whose administrators may reach RDP.' }),
    sharedKeyValidityDays: z.number().int().min(1).max(365).optional().meta({ description: 'Days until the Key Vault secret holding the generated pre-shared key expires (rotation reminder). Default 365.' }),
  })
  .strict();

const azureVpnGateway = z
  .object({
    name: z.string().superRefine(refineByThrowing((v: string) => validateNetworkResourceName(v, 'name'))).optional().meta({ description: 'Gateway name. Default "<namePrefix>-vpngw".' }),
    sku: z.string().superRefine(refineByThrowing((v: string) => AzureVpnGatewaySku.fromName(v))).optional().meta({ description: `Zone-redundant SKU: ${AzureVpnGatewaySku.NAMES.join(', ')}. Default VpnGw1AZ. Basic and non-AZ VpnGw1–5 are refused.` }),
    generation: z.enum([AzureVpnGatewayGeneration.GENERATION_1, AzureVpnGatewayGeneration.GENERATION_2]).optional().meta({ description: 'Gateway generation; must fit the SKU (VpnGw1AZ: Generation1; VpnGw4AZ/5AZ: Generation2). Default: the newest the SKU supports.' }),
    // Only the size and syntax here (the range is its own parent); containment and overlaps are checked with the network.
    gatewaySubnetCidr: z.string().superRefine(refineByThrowing((v: string) => checkGatewaySubnetCidr(v, checkNetworkCidr(v, 'gatewaySubnetCidr')))).optional().meta({ description: 'GatewaySubnet range (/27 or larger) inside network.addressSpace. Default: the last /27 of the address space.' }),
    publicIpZones: z.array(z.enum(['1', '2', '3'])).min(1).optional().meta({ description: 'Zones of the gateway\'s Standard public IP. Default ["1", "2", "3"].' }),
    pointToSite: azurePointToSite.optional().meta({ description: 'Point-to-site VPN for administrators; every host admits its client pool.' }),
    siteToSite: azureSiteToSite.optional().meta({ description: 'A site-to-site connection from an on-premises network; every host admits its ranges.' }),
  })
  .strict()
  .superRefine((gateway, ctx) => {
    if (gateway.pointToSite === undefined && gateway.siteToSite === undefined) ctx.addIssue({ code: 'custom', message: 'must configure pointToSite, siteToSite or both: a gateway without either serves nobody.' });
    // A bad SKU is reported on `sku` itself; here only a generation the SKU cannot run on.
    const skuIsKnown = gateway.sku === undefined || AzureVpnGatewaySku.NAMES.includes(gateway.sku);
    if (gateway.generation !== undefined && skuIsKnown) refineAtField(() => AzureVpnGatewaySku.fromName(gateway.sku ?? 'VpnGw1AZ', gateway.generation))(gateway, ctx);
  });

/** One Azure host in the configuration file. */
export const azureHostConfig = z
  .object({
    name: nameField.meta({ description: 'VM name (2–32 characters); prefixes its NIC, NSG, IP, disk and secret names.' }),
    group: nameField.optional().meta({ description: 'Hosts with the same group share one subnet, network security group and hardening profile (a fleet role). Every member must then agree on access, allowlist, internetExposure, internetEgress, rdpPort, udp, image, hardening, subnetCidr / existingSubnetId and skipSubnetNsgAssociation. Default: the host name (a group of its own).' }),
    computerName: z.string().superRefine(refineByThrowing((v: string) => validateComputerName(v))).optional().meta({ description: `Windows computer name (1–${MAX_COMPUTER_NAME_LENGTH} characters). Default: the VM name, which must then fit.` }),
    subnetCidr: z.string().superRefine(refineByThrowing((v: string) => checkNetworkCidr(v, 'subnetCidr'))).optional().meta({ description: 'Range of the host\'s own new subnet, inside network.addressSpace.' }),
    existingSubnetId: z.string().superRefine(refineByThrowing((v: string) => validateSubnetId(v))).optional().meta({ description: 'Resource ID of an existing subnet for the host, instead of subnetCidr.' }),
    access: azureAccessField.optional(),
    internetExposure: internetExposureField.optional(),
    allowlist: allowlistField.optional(),
    rdpPort: rdpPortField.optional(),
    udp: z.boolean().optional().meta({ description: 'Also admit RDP over UDP on the same port. Default false.' }),
    image: z.string().superRefine(refineByThrowing((v: string) => AzureWindowsImage.fromSku(v))).optional().meta({ description: `Windows Server image SKU: ${AzureWindowsImage.SKUS.join(', ')}. Default ${AzureWindowsImage.SKUS[0]}.` }),
    size: z.string().regex(/^Standard_[A-Za-z0-9_]+$/, 'must be an Azure VM size such as "Standard_D2s_v5"').optional().meta({ description: 'VM size supporting premium storage, Trusted Launch and encryption at host. Default Standard_D2s_v5.' }),
    adminUsername: z.string().superRefine(refineByThrowing((v: string) => validateAdminUsername(v))).optional().meta({ description: 'Local administrator name (not administrator, admin, root, …). Default rdpadmin.' }),
    osDiskSizeGiB: z.number().int().min(127).max(4095).optional().meta({ description: 'Premium SSD OS disk size, 127–4095 GiB. Default 128.' }),
    zone: z.enum(['1', '2', '3']).optional().meta({ description: 'Availability zone of the VM and its public IP. Default: regional.' }),
    hardening: hardeningField.optional(),
    passwordValidityDays: z.number().int().min(1).max(365).optional().meta({ description: 'Days until the password secret expires (rotation reminder). Default 90.' }),
    skipSubnetNsgAssociation: acknowledgementField.optional().meta({ description: 'Opt-out: keep the NSG off the subnet (NIC only); id must be RDP-AZ-SUBNET-NSG.' }),
    internetEgress: acknowledgementField.optional().meta({
      description: `Opt-in: outbound internet access; id must be ${INTERNET_EGRESS_RISK_ID}. With subnetCidr: through a NAT gateway (one per network, about 33 USD a month plus 0.045 USD per GB, and its public IP); with existingSubnetId: through the subnet's own path. ` +
        'Default: a private subnet (no default outbound access) and an NSG that denies outbound internet traffic; Windows Update from Microsoft and other internet downloads then fail; see docs/azure.md.',
    }),
  })
  .strict()
  .superRefine((host, ctx) => {
    if ((host.subnetCidr === undefined) === (host.existingSubnetId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['subnetCidr'], message: `must be set, or existingSubnetId, but not both, got ${host.subnetCidr === undefined ? 'neither' : 'both'}. Each host gets its own subnet, because its network security group is associated with it.` });
    }
    if (host.computerName === undefined && host.name.length > MAX_COMPUTER_NAME_LENGTH) {
      ctx.addIssue({ code: 'custom', path: ['computerName'], message: `is required when the name is longer than ${MAX_COMPUTER_NAME_LENGTH} characters (the Windows limit), got nothing for ${JSON.stringify(host.name)}. Set a computer name of 1–${MAX_COMPUTER_NAME_LENGTH} characters, or shorten the name.` });
    }
    if (host.internetEgress && host.internetEgress.id !== INTERNET_EGRESS_RISK_ID) {
      ctx.addIssue({ code: 'custom', path: ['internetEgress', 'id'], message: `must be "${INTERNET_EGRESS_RISK_ID}", the risk it accepts, got ${JSON.stringify(host.internetEgress.id)}.` });
    }
    if (host.skipSubnetNsgAssociation && host.skipSubnetNsgAssociation.id !== SUBNET_NSG_RISK_ID) {
      ctx.addIssue({ code: 'custom', path: ['skipSubnetNsgAssociation', 'id'], message: `must be "${SUBNET_NSG_RISK_ID}", the risk it accepts, got ${JSON.stringify(host.skipSubnetNsgAssociation.id)}.` });
    }
    const sources = host.allowlist?.length ?? 0;
    const rules = sources * (host.udp ? 2 : 1) + NSG_FIXED_RULES;
    if (rules > MAX_NSG_RULES) {
      ctx.addIssue({ code: 'custom', path: ['allowlist'], message: `needs ${rules} network security group rules, more than the ${MAX_NSG_RULES} Azure allows in one group, got ${sources} sources. Summarize adjacent sources into one CIDR.` });
    }
  });

/** The `azure` section of the configuration file. */
export const azureConfig = z
  .object({
    stackName: nameField.optional().meta({ description: 'Terraform stack name. Default "azure-rdp-hosts".' }),
    subscriptionId: z.string().superRefine(refineByThrowing((v: string) => validateSubscriptionId(v))).optional().meta({ description: 'Azure subscription ID, or "${env:ARM_SUBSCRIPTION_ID}". Default: unset, so the provider reads ARM_SUBSCRIPTION_ID at plan time.' }),
    location: z.string().superRefine(refineByThrowing((v: string) => validateAzureLocation(v))).meta({ description: 'Azure region, e.g. westeurope.' }),
    network: azureNetwork.optional().meta({ description: 'Resource group and virtual network: new (default) or an existing resource group.' }),
    keyVault: azureKeyVault.optional().meta({ description: 'The Key Vault that stores the generated administrator passwords.' }),
    bastion: azureBastion.optional().meta({ description: 'An Azure Bastion (Standard or Premium, native-client tunneling) in the new virtual network; serves every host with access "bastion" (docs/zero-inbound.md).' }),
    vpnGateway: azureVpnGateway.optional().meta({ description: 'A zone-redundant VPN gateway (point-to-site and/or site-to-site) in the new virtual network; connected to every host.' }),
    hosts: z.array(azureHostConfig).min(1).meta({ description: 'The Windows RDP hosts.' }),
    tags: tagsField.optional(),
  })
  .strict()
  .superRefine((azure, ctx) => {
    const groupFirst = checkHostGroups(azure.hosts, AZURE_GROUP_SETTINGS, 'azure', ctx);
    if (azure.hosts.every((h) => h.subnetCidr === undefined) && azure.network?.existingResourceGroupName === undefined) {
      ctx.addIssue({ code: 'custom', path: ['network', 'existingResourceGroupName'], message: 'is required when every host uses an existing subnet: name the resource group the hosts and the Key Vault go to.' });
    }
    // The construct's own access check, so a public range on a VPN-only host is refused in the same words.
    const bastion = bastionStandIn(azure.bastion);
    const noVpn = azure.vpnGateway !== undefined ? undefined : 'is "vpn-only", but the azure section configures no vpnGateway and the host lists no private sources, so nobody could reach RDP. Add a vpnGateway, private allowlist ranges reached through your own VPN, or use access "allowlist".';
    checkHostsAccess(azure.hosts, 'azure', ctx, (host, field) => azureHostAccess(host, field, bastion), noVpn);
    checkBastion(azure, ctx);
    const subnets = checkSubnets(azure, groupFirst, ctx);
    if (azure.vpnGateway && subnets) checkVpnGatewayRanges(azure.vpnGateway, subnets, ctx);
    if (azure.vpnGateway && azure.hosts.every((h) => h.subnetCidr === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['vpnGateway'], message: 'needs the virtual network the stack creates (its GatewaySubnet goes there), but every host uses an existing subnet. Give at least one host a subnetCidr, or connect the hosts to your existing gateway with private allowlist ranges.' });
    }
  });

/** Host settings that belong to the host's group: every member must agree on them. */
const AZURE_GROUP_SETTINGS = ['access', 'allowlist', 'internetExposure', 'internetEgress', 'rdpPort', 'udp', 'image', 'hardening', 'subnetCidr', 'existingSubnetId', 'skipSubnetNsgAssociation'] as const;

/** The host's access model (see {@link hostAccess}); `bastion` serves hosts with access "bastion". */
export function azureHostAccess(host: AzureHostConfig, field: string, bastion?: IRdpTunnelService): RdpAccess {
  return hostAccess(host, field, bastion);
}

/** The configured Bastion as the access check sees it (its subnet), before any construct exists. */
function bastionStandIn(bastion: z.infer<typeof azureBastion> | undefined): IRdpTunnelService | undefined {
  if (bastion === undefined) return undefined;
  try {
    return { sourcePeer: Peer.cidr(bastion.subnetCidr), label: 'Azure Bastion' };
  } catch {
    return undefined; // reported on bastion.subnetCidr
  }
}

/** The Bastion against the hosts and the network: it serves someone, fits AzureBastionSubnet, and overlaps no other range. */
function checkBastion(azure: z.infer<typeof azureConfig>, ctx: z.RefinementCtx): void {
  const bastion = azure.bastion;
  if (bastion === undefined) return;
  if (!azure.hosts.some((h) => h.access === 'bastion')) ctx.addIssue({ code: 'custom', path: ['bastion'], message: 'serves no host: no host has access "bastion". Set access "bastion" on the hosts it should serve, or remove the section (a Bastion costs about 0.29 USD an hour in Standard).' });
  if (azure.hosts.every((h) => h.subnetCidr === undefined)) ctx.addIssue({ code: 'custom', path: ['bastion'], message: 'needs the virtual network the stack creates (AzureBastionSubnet goes there), but every host uses an existing subnet. Give at least one host a subnetCidr.' });
  let range: ParsedCidr;
  try {
    checkBastionSubnetCidr(bastion.subnetCidr, azure.network?.addressSpace ?? DEFAULT_AZURE_ADDRESS_SPACE);
    range = checkNetworkCidr(bastion.subnetCidr, 'subnetCidr');
  } catch (e) {
    if (!RdpValidationError.isRdpValidationError(e)) throw e;
    if (e.code === RdpErrorCode.CIDR_OUTSIDE_RANGE || e.code === RdpErrorCode.CIDR_TOO_SMALL) ctx.addIssue({ code: 'custom', path: ['bastion', 'subnetCidr'], message: e.problem });
    return;
  }
  azure.hosts.forEach((host, index) => {
    if (host.subnetCidr === undefined) return;
    try {
      if (cidrsOverlap(range, checkNetworkCidr(host.subnetCidr, 'subnetCidr'))) ctx.addIssue({ code: 'custom', path: ['bastion', 'subnetCidr'], message: `overlaps hosts[${index}].subnetCidr (${host.subnetCidr}), got ${JSON.stringify(bastion.subnetCidr)}. Give AzureBastionSubnet its own range.` });
    } catch {
      // reported on the host's subnetCidr
    }
  });
  const gateway = azure.vpnGateway;
  if (gateway) {
    try {
      const gatewayRange = gateway.gatewaySubnetCidr ? checkNetworkCidr(gateway.gatewaySubnetCidr, 'gatewaySubnetCidr') : defaultGatewaySubnetCidr(checkNetworkCidr(azure.network?.addressSpace ?? DEFAULT_AZURE_ADDRESS_SPACE, 'addressSpace'));
      const parsed = typeof gatewayRange === 'string' ? checkNetworkCidr(gatewayRange, 'gatewaySubnetCidr') : gatewayRange;
      if (cidrsOverlap(range, parsed)) ctx.addIssue({ code: 'custom', path: ['bastion', 'subnetCidr'], message: `overlaps the GatewaySubnet (${parsed.cidr}), got ${JSON.stringify(bastion.subnetCidr)}. Give AzureBastionSubnet its own range.` });
    } catch {
      // reported on the gateway's fields
    }
  }
}

/** The address space and the host subnets that lie inside it, as checked. */
interface CheckedSubnets {
  readonly addressSpace: ParsedCidr;
  readonly hostSubnets: readonly { index: number; range: ParsedCidr }[];
}

/** New subnets lie inside the address space and do not overlap; existing subnets are not shared. */
function checkSubnets(azure: z.infer<typeof azureConfig>, groupFirst: readonly number[], ctx: z.RefinementCtx): CheckedSubnets | undefined {
  let addressSpace;
  try {
    addressSpace = checkNetworkCidr(azure.network?.addressSpace ?? DEFAULT_AZURE_ADDRESS_SPACE, 'addressSpace');
  } catch {
    return undefined; // reported on network.addressSpace
  }
  const taken: { index: number; range: ReturnType<typeof checkNetworkCidr> }[] = [];
  const existing = new Map<string, number>();
  azure.hosts.forEach((host, index) => {
    // A group's members share its first host's subnet (checkHostGroups makes them agree).
    if (groupFirst[index] !== index) return;
    if (host.existingSubnetId !== undefined) {
      const first = existing.get(host.existingSubnetId.toLowerCase());
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['hosts', index, 'existingSubnetId'], message: `is the subnet of hosts[${first}] too, got ${JSON.stringify(host.existingSubnetId)}. A subnet takes one network security group: give each host its own subnet.` });
      existing.set(host.existingSubnetId.toLowerCase(), index);
    }
    if (host.subnetCidr === undefined) return;
    let range;
    try {
      range = checkNetworkCidr(host.subnetCidr, 'subnetCidr', addressSpace);
    } catch (e) {
      if (RdpValidationError.isRdpValidationError(e) && e.code === RdpErrorCode.CIDR_OUTSIDE_RANGE) ctx.addIssue({ code: 'custom', path: ['hosts', index, 'subnetCidr'], message: e.problem });
      return;
    }
    const overlapping = taken.find((t) => cidrsOverlap(t.range, range));
    if (overlapping) {
      ctx.addIssue({ code: 'custom', path: ['hosts', index, 'subnetCidr'], message: `overlaps hosts[${overlapping.index}].subnetCidr (${overlapping.range.cidr}), got ${JSON.stringify(host.subnetCidr)}. Give each host a separate range.` });
    } else {
      taken.push({ index, range });
    }
  });
  return { addressSpace, hostSubnets: taken };
}

/**
 * The gateway's ranges against the network, with the constructs' own checks: the GatewaySubnet inside
 * the address space and apart from the host subnets, the point-to-site pool apart from the address
 * space, on-premises ranges apart from both.
 */
function checkVpnGatewayRanges(gateway: z.infer<typeof azureVpnGateway>, subnets: CheckedSubnets, ctx: z.RefinementCtx): void {
  const report = (path: PropertyKey[], check: () => unknown): boolean => {
    try {
      check();
      return true;
    } catch (e) {
      if (!RdpValidationError.isRdpValidationError(e)) throw e;
      ctx.addIssue({ code: 'custom', path: ['vpnGateway', ...path], message: e.problem });
      return false;
    }
  };
  const space: AzureNamedRange = { label: 'the virtual network address space', cidr: subnets.addressSpace.cidr };
  const hostRanges = subnets.hostSubnets.map(({ index, range }) => ({ label: `hosts[${index}].subnetCidr`, cidr: range.cidr }));
  const explicit = gateway.gatewaySubnetCidr;
  report(['gatewaySubnetCidr'], () => {
    let range: ParsedCidr;
    try {
      range = checkGatewaySubnetCidr(explicit ?? defaultGatewaySubnetCidr(subnets.addressSpace), subnets.addressSpace);
    } catch (e) {
      // A malformed or undersized explicit range is already reported by the field itself.
      if (explicit === undefined || (RdpValidationError.isRdpValidationError(e) && e.code === RdpErrorCode.CIDR_OUTSIDE_RANGE)) throw e;
      return;
    }
    const advice = explicit === undefined
      ? `That is the default GatewaySubnet, the last /27 of ${subnets.addressSpace.cidr}: set gatewaySubnetCidr to a free /27, or move the host subnet.`
      : 'Give the GatewaySubnet its own range, apart from every host subnet.';
    checkDistinctRange('gatewaySubnetCidr', range.cidr, hostRanges, advice);
  });
  const reserved: AzureNamedRange[] = [space];
  const pool = gateway.pointToSite ? gateway.pointToSite.addressPool ?? DEFAULT_P2S_ADDRESS_POOL : undefined;
  if (pool !== undefined && report(['pointToSite', 'addressPool'], () => checkDistinctRange('addressPool', pool, [space]))) {
    reserved.push({ label: 'the point-to-site client pool', cidr: pool });
  }
  gateway.siteToSite?.onPremisesCidrs.forEach((cidr, index) => report(['siteToSite', 'onPremisesCidrs', index], () => checkDistinctRange('onPremisesCidrs', cidr, reserved)));
}

/** The validated `azure` section. */
export type AzureConfig = z.infer<typeof azureConfig>;
/** One validated Azure host. */
export type AzureHostConfig = z.infer<typeof azureHostConfig>;
