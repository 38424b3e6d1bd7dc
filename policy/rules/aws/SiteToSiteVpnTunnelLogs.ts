import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { block, bool } from '../../values';

/** Both tunnels of a site-to-site VPN send their IKE/IPsec logs to CloudWatch. */
export default function SiteToSiteVpnTunnelLogs(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_vpn_connection') return Compliance.NOT_APPLICABLE;
  return ['tunnel1', 'tunnel2']
    .filter((t) => {
      const options = block(resource.body[`${t}_log_options`], `${t}_log_options`);
      const cloudwatch = block(options?.cloudwatch_log_options, `${t}_log_options.cloudwatch_log_options`);
      return bool(cloudwatch?.log_enabled, `${t}_log_options.cloudwatch_log_options.log_enabled`) !== true;
    })
    .map((t) => `\`${t}_log_options.cloudwatch_log_options.log_enabled\` is not true`);
}
