/**
 * The one place where the library's constructs meet the differences between provider majors.
 *
 * This file is the cdktf flavour (hashicorp/aws 5.x, azurerm 4.55). The CDK Terrain flavour
 * (`secure-rdp-hosts-cdktn`: aws 6.x, azurerm 4.73) replaces it with
 * `flavours/cdktn/overlay/constructs/compat/providers.ts` when `npm run pack:cdktn` builds the package,
 * so both files export the same names, each typed against its own bindings; the flavour build type-checks
 * every caller against the cdktn one. See docs/cdktn.md.
 */
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { VirtualNetworkGatewayConfig } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { VirtualNetworkGatewayConnectionConfig } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';

/** The region name read from an `aws_region` data source: its `name` attribute in hashicorp/aws 5.x. */
export function awsRegionName(region: DataAwsRegion): string {
  return region.name;
}

/** BGP switched off, for a VPN gateway or a gateway connection: the `enable_bgp` argument in azurerm 4.55. */
export function azureBgpDisabled(): Pick<VirtualNetworkGatewayConfig, 'enableBgp'> & Pick<VirtualNetworkGatewayConnectionConfig, 'enableBgp'> {
  return { enableBgp: false };
}
