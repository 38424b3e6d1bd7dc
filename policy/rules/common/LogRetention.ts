import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { block, bool, num } from '../../values';

/** Shortest retention accepted for security logs, in days (checkov CKV_AWS_338 asks for a year). */
export const MIN_RETENTION_DAYS = 365;

/**
 * Security logs are kept at least a year: CloudWatch log groups and Log Analytics workspaces
 * (`retention_in_days`; 0 / unset on CloudWatch means "never expire") and Azure flow-log retention
 * policies (`retention_policy.days`; 0 means forever).
 */
export default function LogRetention(resource: SynthResource, _doc: PolicyDocument): RuleResult {
  switch (resource.type) {
    case 'aws_cloudwatch_log_group': {
      const days = num(resource.body.retention_in_days, 'retention_in_days');
      return days === undefined || days === 0 || days >= MIN_RETENTION_DAYS ? Compliance.COMPLIANT : [`log events expire after ${days} days (minimum ${MIN_RETENTION_DAYS})`];
    }
    case 'azurerm_log_analytics_workspace': {
      const days = num(resource.body.retention_in_days, 'retention_in_days') ?? 30;
      return days >= MIN_RETENTION_DAYS ? Compliance.COMPLIANT : [`the workspace keeps data ${days} days${resource.body.retention_in_days === undefined ? ' (the default)' : ''} (minimum ${MIN_RETENTION_DAYS})`];
    }
    case 'azurerm_network_watcher_flow_log': {
      const policy = block(resource.body.retention_policy, 'retention_policy');
      if (!policy || bool(policy.enabled, 'retention_policy.enabled') !== true) return ['no retention policy is enabled: flow logs are deleted by the storage account lifecycle, not by a stated policy'];
      const days = num(policy.days, 'retention_policy.days') ?? 0;
      return days === 0 || days >= MIN_RETENTION_DAYS ? Compliance.COMPLIANT : [`flow logs are kept ${days} days (minimum ${MIN_RETENTION_DAYS})`];
    }
    default:
      return Compliance.NOT_APPLICABLE;
  }
}
