import { Lazy, TerraformResource } from 'cdktf';
import { ACKNOWLEDGEMENTS_KEY, RECORDED_ACKNOWLEDGEMENTS as RECORDED } from '../../contract';
import { Acknowledge } from '../core/acknowledge';

export { ACCESS_MODE_KEY, ACKNOWLEDGEMENTS_KEY } from '../../contract';

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
