/**
 * The one place where the library's constructs meet the differences between provider majors.
 *
 * This file is the CDK Terrain flavour (`secure-rdp-hosts-cdktn`: hashicorp/aws 6.x via
 * `@cdktn/provider-aws`, azurerm 4.73 via `@cdktn/provider-azurerm`). `npm run pack:cdktn` copies it over
 * `constructs/compat/providers.ts` (the cdktf flavour) in its staging tree, after rewriting imports, and
 * type-checks the result against the cdktn packages. Export the same names as that file. See docs/cdktn.md.
 */
import { DataAwsRegion } from '@cdktn/provider-aws/lib/data-aws-region';
import { VirtualNetworkGatewayConfig } from '@cdktn/provider-azurerm/lib/virtual-network-gateway';
import { VirtualNetworkGatewayConnectionConfig } from '@cdktn/provider-azurerm/lib/virtual-network-gateway-connection';

/**
 * The region name read from an `aws_region` data source: hashicorp/aws 6.0 deprecated `name` in favour of
 * `region` (reading `name` plans with a deprecation warning).
 */
export function awsRegionName(region: DataAwsRegion): string {
  return region.region;
}

/**
 * BGP switched off, for a VPN gateway or a gateway connection: azurerm 4.x deprecated `enable_bgp` in favour
 * of `bgp_enabled` (present in 4.73, not in 4.55; `enable_bgp` goes away in 5.0).
 */
export function azureBgpDisabled(): Pick<VirtualNetworkGatewayConfig, 'bgpEnabled'> & Pick<VirtualNetworkGatewayConnectionConfig, 'bgpEnabled'> {
  return { bgpEnabled: false };
}
