// One rule per file; the export name is the rule's (file) name.
export { default as ClientVpnAuthorizationScope } from './ClientVpnAuthorizationScope';
export { default as ClientVpnConnectionLogging } from './ClientVpnConnectionLogging';
export { default as DefaultSecurityGroupClosed } from './DefaultSecurityGroupClosed';
export { default as DefaultVpcNotUsed } from './DefaultVpcNotUsed';
export { default as Ec2Imdsv2Required } from './Ec2Imdsv2Required';
export { default as Ec2InstanceProfile } from './Ec2InstanceProfile';
export { default as Ec2NoPasswordData } from './Ec2NoPasswordData';
export { default as Ec2VolumesEncrypted } from './Ec2VolumesEncrypted';
export { default as IamTrustNoWildcard } from './IamTrustNoWildcard';
export { default as SessionManagerHostNoInbound } from './SessionManagerHostNoInbound';
export { default as SiteToSiteVpnCrypto } from './SiteToSiteVpnCrypto';
export { default as SiteToSiteVpnTunnelLogs } from './SiteToSiteVpnTunnelLogs';
export { default as SsmParameterSecretEncrypted } from './SsmParameterSecretEncrypted';
export { default as SubnetNoPublicIpMapping } from './SubnetNoPublicIpMapping';
export { default as VpcFlowLogs } from './VpcFlowLogs';
