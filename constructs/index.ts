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
export { RdpValidationError, RdpValidationErrors, RdpErrorCode, isValidationFailure } from './core/errors';
export { RdpPort } from './core/rdp-port';
export { Peer, CidrPeer, AwsSecurityGroupPeer } from './core/peer';
export type { IRdpPeer } from './core/peer';
export { RdpAllowlist } from './core/rdp-allowlist';
export { Acknowledge } from './core/acknowledge';
export type { AcknowledgeOptions } from './core/acknowledge';
export { RdpAccess, RdpAccessMode } from './core/rdp-access';
export type { IRdpTunnelService } from './core/rdp-access';

// Windows: the guest hardening profile and its option types.
export { WindowsServerVersion } from './windows/windows-server-version';
export { TlsVersion } from './windows/tls-version';
export { RdpSecurityLayer } from './windows/rdp-security-layer';
export { RdpRedirection } from './windows/rdp-redirection';
export { RdpGuestRisk } from './windows/rdp-guest-risk';
export type { RdpGuestRiskId } from './windows/rdp-guest-risk';
export { RdpHardeningProfile } from './windows/rdp-hardening-profile';
export type { RdpHardeningProfileProps, RdpHostHardeningOptions } from './windows/rdp-hardening-profile-props';
export type { HardeningSettings } from './windows/hardening-settings';
export type { HardeningManifest } from './windows/hardening-manifest';

// AWS.
export { AwsRdpNetwork, AwsManagementPath } from './aws/rdp-network';
export type { AwsRdpNetworkProps, ExistingAwsRdpNetworkProps, IAwsRdpNetwork, AwsRdpSubnet } from './aws/rdp-network';
export { AwsRdpSecurityGroup } from './aws/rdp-security-group';
export type { AwsRdpSecurityGroupProps } from './aws/rdp-security-group';
export { AwsRdpHost } from './aws/rdp-host';
export type { AwsRdpHostProps } from './aws/rdp-host';
export { AwsRdpHostGroup } from './aws/rdp-host-group';
export type { AwsRdpHostGroupProps } from './aws/rdp-host-group';
export { WindowsAmi } from './aws/windows-ami';
export type { WindowsAmiOptions, BoundWindowsAmi } from './aws/windows-ami';
export { ClientVpnAuthentication } from './aws/client-vpn-authentication';
export type { ClientVpnAuthenticationConfig, SamlAuthenticationProps } from './aws/client-vpn-authentication';
export { AwsRdpClientVpn } from './aws/rdp-client-vpn';
export type { AwsRdpClientVpnProps, ClientVpnSubnet } from './aws/rdp-client-vpn';
export { AwsRdpSiteToSiteVpn } from './aws/rdp-site-to-site-vpn';
export type { AwsRdpSiteToSiteVpnProps } from './aws/rdp-site-to-site-vpn';
export { AwsRdpHardeningAssociation } from './aws/rdp-hardening-association';
export type { AwsRdpHardeningAssociationProps } from './aws/rdp-hardening-association';
export { rdpHardeningUserData } from './aws/rdp-hardening-user-data';
export { AwsSystemsManagerEndpoints } from './aws/systems-manager-endpoints';
export type { AwsSystemsManagerEndpointsProps, AwsManagementEndpoints } from './aws/systems-manager-endpoints';
export { AwsRdpSessionManagerAccess } from './aws/session-manager-access';
export type { AwsRdpSessionManagerAccessProps, AwsSessionManagerOptions } from './aws/session-manager-access';

// Azure.
export { AzureRdpNetwork } from './azure/rdp-network';
export type { AzureRdpNetworkProps, AzureHostSubnetOptions, ExistingAzureRdpSubnetProps, IAzureRdpSubnet } from './azure/rdp-network';
export { AzureRdpNetworkSecurityGroup } from './azure/rdp-network-security-group';
export type { AzureRdpNetworkSecurityGroupProps, AzureRdpAllowRule } from './azure/rdp-network-security-group';
export { AzureRdpHost } from './azure/rdp-host';
export type { AzureRdpHostProps } from './azure/rdp-host';
export { AzureRdpHostGroup } from './azure/rdp-host-group';
export type { AzureRdpHostGroupProps } from './azure/rdp-host-group';
export { AzureWindowsImage } from './azure/windows-image';
export type { AzureImageReference } from './azure/windows-image';
export { AzureRdpKeyVault } from './azure/rdp-key-vault';
export type { AzureRdpKeyVaultProps, IAzureRdpKeyVault } from './azure/rdp-key-vault';
export { AzureAdminPassword } from './azure/admin-password';
export type { AzureAdminPasswordProps } from './azure/admin-password';
export { AzureRdpHardeningRunCommand } from './azure/rdp-hardening-run-command';
export type { AzureRdpHardeningRunCommandProps } from './azure/rdp-hardening-run-command';
export { AzureVpnGatewaySku, AzureVpnGatewayGeneration } from './azure/vpn-gateway-sku';
export { P2sAuthentication, P2sProtocol } from './azure/p2s-authentication';
export type { P2sAuthenticationConfig, P2sEntraIdOptions, P2sRootCertificate } from './azure/p2s-authentication';
export { AzureRdpVpnGateway } from './azure/rdp-vpn-gateway';
export type { AzureRdpVpnGatewayProps } from './azure/rdp-vpn-gateway';
export { AzureRdpSiteToSiteConnection } from './azure/rdp-site-to-site-connection';
export type { AzureNamedRange } from './azure/vpn-ranges';
export type { AzureRdpSiteToSiteConnectionProps, AzureRdpSiteToSiteConnectionOptions } from './azure/rdp-site-to-site-connection';
export { AzureRdpBastion, BASTION_SKUS } from './azure/rdp-bastion';
export type { AzureRdpBastionProps, AzureBastionSku } from './azure/rdp-bastion';
