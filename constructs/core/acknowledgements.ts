import { Lazy, TerraformResource } from 'cdktf';
import { Acknowledge } from '../core/acknowledge';

/** Key under a host resource's `"//"` block that records how RDP reaches it (`vpn-only` or `allowlist`). */
export const ACCESS_MODE_KEY = 'rdp_access_mode';

/** Key under a resource's `"//"` comment block where acknowledgements are recorded for the plan review. */
export const ACKNOWLEDGEMENTS_KEY = 'rdp_acknowledgements';

/**
 * Records acknowledged risks on a resource so they survive synthesis: they appear in cdk.tf.json as
 * `resource.<type>.<name>["//"].rdp_acknowledgements` (Terraform ignores `"//"` keys) and the policy
 * engine reports them, with their reasons, as suppressions of the matching rule IDs.
 */
export function recordAcknowledgements(resource: TerraformResource, acknowledgements: readonly (Acknowledge | undefined)[] | (() => readonly Acknowledge[])): void {
  if (typeof acknowledgements === 'function') {
    // Known only at synthesis (e.g. a profile completed by later grants): resolved then, omitted when empty.
    resource.addOverride(`//.${ACKNOWLEDGEMENTS_KEY}`, Lazy.anyValue({ produce: () => acknowledgements().map((a) => a.toJSON()) }, { omitEmptyArray: true }));
    return;
  }
  const given = acknowledgements.filter((a): a is Acknowledge => a !== undefined);
  if (given.length === 0) return;
  const existing = (resource as unknown as { [k: symbol]: Acknowledge[] })[RECORDED] ?? [];
  const all = [...existing, ...given.filter((a) => !existing.some((e) => e.id === a.id))];
  (resource as unknown as { [k: symbol]: Acknowledge[] })[RECORDED] = all;
  resource.addOverride(`//.${ACKNOWLEDGEMENTS_KEY}`, all.map((a) => a.toJSON()));
}

const RECORDED = Symbol.for('secure-rdp-hosts/recorded-acknowledgements');
