/**
 * secure-rdp-hosts: constructs for Windows RDP hosts on AWS and Azure that admins can reach and
 * nobody else can. This file is the library's only public entry point (package.json "exports").
 *
 * It exports, by name, what users compose: the constructs and their props, the value objects and enums
 * the props take, the errors users catch, and the types those signatures mention. Checks, defaults and
 * contract constants that the library and its own configuration layer share stay in their modules
 * (import them by module path inside this repository). api/secure-rdp-hosts.api.md records the result;
 * `npm run api:report` rewrites it.
 */

// Core: ports, peers, allowlists, access modes, acknowledgements, errors.
export { RdpValidationError, RdpValidationErrors, RdpErrorCode, isValidationFailure } from './core';
export { RdpPort } from './core';
export type { RdpPortOptions } from './core';
export { Peer, CidrPeer } from './core';
export type { IRdpPeer } from './core';
export { RdpAllowlist } from './core';
export { Acknowledge } from './core';
export type { AcknowledgeOptions } from './core';
export { RdpAccess, RdpAccessMode } from './core';
export type { IRdpTunnelService } from './core';

// The cloud-neutral host model both clouds' hosts and groups extend.
export { RdpHostBase, RdpHostGroupBase } from './host';
export type { IRdpTarget, IRdpVpn, IRdpHostImage, RdpHostBaseProps, RdpHostGroupBaseProps, RdpCloud } from './host';

// Windows: the guest hardening profile and its option types.
export { WindowsServerVersion } from './windows';
export { TlsVersion } from './windows';
export { RdpSecurityLayer } from './windows';
export { RdpRedirection } from './windows';
export { RdpGuestRisk } from './windows';
export type { RdpGuestRiskId } from './windows';
export { RdpHardeningProfile } from './windows';
export type { RdpHardeningProfileProps, RdpHostHardeningOptions } from './windows';
export type { HardeningSettings } from './windows';
export type { HardeningManifest } from './windows';

// AWS.
export { AwsRdpNetwork, AwsManagementPath } from './aws';
export type { AwsRdpNetworkProps, ExistingAwsRdpNetworkProps, IAwsRdpNetwork, AwsRdpSubnet } from './aws';
export { AwsRdpSecurityGroup, AwsSecurityGroupPeer } from './aws';
export type { AwsRdpPeer } from './aws';
export type { AwsRdpSecurityGroupProps } from './aws';
export { AwsRdpHost } from './aws';
export type { AwsRdpHostProps } from './aws';
export { AwsRdpHostGroup } from './aws';
export type { AwsRdpHostGroupProps } from './aws';
export { WindowsAmi } from './aws';
export type { WindowsAmiOptions, BoundWindowsAmi } from './aws';
export { ClientVpnAuthentication } from './aws';
export type { ClientVpnAuthenticationConfig, SamlAuthenticationProps } from './aws';
export { AwsRdpClientVpn } from './aws';
export type { AwsRdpClientVpnProps, ClientVpnSubnet } from './aws';
export { AwsRdpSiteToSiteVpn } from './aws';
export type { AwsRdpSiteToSiteVpnProps } from './aws';
export { AwsRdpHardeningAssociation } from './aws';
export type { AwsRdpHardeningAssociationProps } from './aws';
export { rdpHardeningUserData } from './aws';
export { AwsSystemsManagerEndpoints } from './aws';
export type { AwsSystemsManagerEndpointsProps, AwsManagementEndpoints } from './aws';
export { AwsRdpSessionManagerAccess } from './aws';
export type { AwsRdpSessionManagerAccessProps, AwsSessionManagerOptions } from './aws';

// Azure.
export { AzureRdpNetwork } from './azure';
export type { AzureRdpNetworkProps, AzureHostSubnetOptions, ExistingAzureRdpSubnetProps, IAzureRdpSubnet } from './azure';
export { AzureRdpNetworkSecurityGroup } from './azure';
export type { AzureRdpNetworkSecurityGroupProps, AzureRdpAllowRule } from './azure';
export { AzureRdpHost } from './azure';
export type { AzureRdpHostProps } from './azure';
export { AzureRdpHostGroup } from './azure';
export type { AzureRdpHostGroupProps, AzureRdpPeer } from './azure';
export { AzureWindowsImage } from './azure';
export type { AzureImageReference } from './azure';
export { AzureRdpKeyVault } from './azure';
export type { AzureRdpKeyVaultProps, IAzureRdpKeyVault } from './azure';
export { AzureAdminPassword } from './azure';
export type { AzureAdminPasswordProps } from './azure';
export { AzureRdpHardeningRunCommand } from './azure';
export type { AzureRdpHardeningRunCommandProps } from './azure';
export { AzureVpnGatewaySku, AzureVpnGatewayGeneration } from './azure';
export { P2sAuthentication, P2sProtocol } from './azure';
export type { P2sAuthenticationConfig, P2sEntraIdOptions, P2sRootCertificate } from './azure';
export { AzureRdpVpnGateway } from './azure';
export type { AzureRdpVpnGatewayProps } from './azure';
export { AzureRdpSiteToSiteConnection } from './azure';
export type { AzureNamedRange } from './azure';
export type { AzureRdpSiteToSiteConnectionProps, AzureRdpSiteToSiteConnectionOptions } from './azure';
export { AzureRdpBastion, BASTION_SKUS } from './azure';
export type { AzureRdpBastionProps, AzureBastionSku } from './azure';
