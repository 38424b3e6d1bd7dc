import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { str } from '../../values';

/** VPN gateways use a zone-redundant SKU (VpnGw1AZ-VpnGw5AZ); Basic and non-AZ SKUs are legacy or retired. */
export default function VpnGatewaySku(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'azurerm_virtual_network_gateway') return Compliance.NOT_APPLICABLE;
  if (str(resource.body.type, 'type')?.toLowerCase() !== 'vpn') return Compliance.NOT_APPLICABLE;
  const sku = str(resource.body.sku, 'sku') ?? '';
  return /^VpnGw[1-5]AZ$/.test(sku) ? Compliance.COMPLIANT : [`SKU ${JSON.stringify(sku)} is not a VpnGw1AZ-VpnGw5AZ SKU`];
}
