// One rule per file; the export name is the rule's (file) name.
export { default as BastionHostOnlyFromBastion } from './BastionHostOnlyFromBastion';
export { default as BastionNoShareableLinks } from './BastionNoShareableLinks';
export { default as HostSubnetHasNsg } from './HostSubnetHasNsg';
export { default as KeyVaultNetworkRestricted } from './KeyVaultNetworkRestricted';
export { default as KeyVaultRecoverable } from './KeyVaultRecoverable';
export { default as KeyVaultSecretExpiry } from './KeyVaultSecretExpiry';
export { default as ManagedDiskNotPublic } from './ManagedDiskNotPublic';
export { default as NsgDeniesRdpBeforeDefaults } from './NsgDeniesRdpBeforeDefaults';
export { default as NsgFlowLogs } from './NsgFlowLogs';
export { default as NsgPrioritiesUnique } from './NsgPrioritiesUnique';
export { default as PublicIpNotBasic } from './PublicIpNotBasic';
export { default as SubnetNoDefaultOutbound } from './SubnetNoDefaultOutbound';
export { default as VmEncryptionAtHost } from './VmEncryptionAtHost';
export { default as VmTrustedLaunch } from './VmTrustedLaunch';
export { default as VpnClientProtocols } from './VpnClientProtocols';
export { default as VpnConnectionIpsecPolicy } from './VpnConnectionIpsecPolicy';
export { default as VpnGatewaySku } from './VpnGatewaySku';
