/**
 * RDP-AZ-DEFAULT-OUTBOUND on subnets declared inline in `azurerm_virtual_network` (a hand-written plan or another
 * module): the host's subnet is judged there, by name, and a reference that cannot be tied to one inline subnet is
 * never a pass by guess. Small hand-written documents, built inside each test.
 */
import { DocumentKind, PolicyDocument } from '../../policy/document';
import { evaluate } from '../../policy/engine';
import { documentFromPlan } from '../../policy/loaders';
import { RdpBaselinePack } from '../../policy/packs/rdp-baseline';
import { Compliance } from '../../policy/types';
import { azureStack, load, patch, TfJson, withResource } from './fixtures/builders';
import { verdict } from './mutation-helpers';

const ID = 'RDP-AZ-DEFAULT-OUTBOUND';
const VNET = 'azurerm_virtual_network.main';
const FINDING = "default outbound access is on (azurerm's default when `default_outbound_access_enabled` is not false): the hosts reach the internet through an implicit, shared address nobody opted into";
const TOLIST = '${tolist(azurerm_virtual_network.main.subnet)[0].id}';
const NAMED = '${[for s in azurerm_virtual_network.main.subnet : s.id if s.name == "hosts"][0]}';

/** Compliance and findings of the rule on `subject`. */
function judge(json: TfJson, subject = VNET): [Compliance, string[]] {
  const r = verdict(ID, json, subject);
  return [r.compliance, r.findings];
}

/** The Azure test stack with its subnets inline in the virtual network (no `azurerm_subnet`), the host NIC at `subnetId`. */
function inlineStack(subnets: Record<string, unknown>[], subnetId: string = TOLIST): TfJson {
  const noSubnet = withResource(withResource(azureStack(), 'azurerm_subnet', 'hosts', undefined), 'azurerm_subnet_network_security_group_association', 'hosts', undefined);
  const vnet = patch(noSubnet, 'azurerm_virtual_network', 'main', { subnet: subnets });
  return patch(vnet, 'azurerm_network_interface', 'host', { ip_configuration: [{ name: 'ip', subnet_id: subnetId, private_ip_address_allocation: 'Dynamic' }] });
}

/** An inline subnet block. */
function sub(name: string, outbound?: unknown): Record<string, unknown> {
  return { name, address_prefixes: [`10.1.${name.length}.0/24`], ...(outbound === undefined ? {} : { default_outbound_access_enabled: outbound }) };
}

/** The rule's compliance on the virtual network when the resources of `moved` types sit in module `a` (the rest at the root). */
function inModule(json: TfJson, moved: string[]): Compliance {
  const doc = load(json);
  const resources = doc.resources.map((r) => (moved.includes(r.type) ? { ...r, modulePrefix: 'module.a.', address: `module.a.${r.address}` } : r));
  const shifted = new PolicyDocument({ stack: doc.stack, source: doc.source, kind: DocumentKind.PLAN, resources });
  const rule = RdpBaselinePack.rules.find((r) => r.id === ID);
  const vnet = resources.find((r) => r.type === 'azurerm_virtual_network');
  if (!rule || !vnet) throw new Error('fixture without the rule or the network');
  return evaluate(rule, vnet, shifted).compliance;
}

/** A `terraform show -json` plan of module `net`: a network with inline subnets `hosts` (access off) and `web` (on), a host whose NIC reads the subnets (known after apply). */
function modulePlan(): unknown {
  const change = (type: string, name: string, after: Record<string, unknown>, afterUnknown: Record<string, unknown>): Record<string, unknown> => ({ address: `module.net.${type}.${name}`, mode: 'managed', type, name, change: { actions: ['create'], after, after_unknown: afterUnknown } });
  const subnets = [{ name: 'hosts', address_prefixes: ['10.0.1.0/24'], default_outbound_access_enabled: false }, { name: 'web', address_prefixes: ['10.0.2.0/24'], default_outbound_access_enabled: true }];
  return {
    format_version: '1.2',
    resource_changes: [
      change('azurerm_virtual_network', 'vnet', { name: 'v', subnet: subnets }, { id: true, subnet: [{ id: true }, { id: true }] }),
      change('azurerm_network_interface', 'nic', { name: 'nic', ip_configuration: [{ name: 'ip' }] }, { id: true, ip_configuration: [{ subnet_id: true }] }),
      change('azurerm_windows_virtual_machine', 'vm', { name: 'vm' }, { network_interface_ids: true }),
    ],
    configuration: { root_module: { module_calls: { net: { module: { resources: [
      { address: 'azurerm_virtual_network.vnet', expressions: {} },
      { address: 'azurerm_network_interface.nic', expressions: { ip_configuration: [{ subnet_id: { references: ['azurerm_virtual_network.vnet.subnet', 'azurerm_virtual_network.vnet'] } }] } },
      { address: 'azurerm_windows_virtual_machine.vm', expressions: { network_interface_ids: { references: ['azurerm_network_interface.nic.id', 'azurerm_network_interface.nic'] } } },
    ] } } } } },
  };
}

/** A NAT gateway association at `subnetId`. */
function withNat(json: TfJson, subnetId: string): TfJson {
  return withResource(json, 'azurerm_subnet_nat_gateway_association', 'hosts', { subnet_id: subnetId, nat_gateway_id: 'nat' });
}

describe('RDP-AZ-DEFAULT-OUTBOUND on inline subnets of azurerm_virtual_network', () => {
  test('the one inline subnet with the access off is compliant', () => {
    expect(judge(inlineStack([sub('hosts', false)]))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(inlineStack([sub('hosts', 'false')]))).toEqual([Compliance.COMPLIANT, []]);
  });

  test.each([
    ['true', true],
    ['absent (azurerm defaults it to true)', undefined],
  ])('the access %s is a finding naming the subnet and the field', (_, outbound) => {
    expect(judge(inlineStack([sub('hosts', outbound)]))).toEqual([Compliance.NON_COMPLIANT, [`inline subnet \`hosts\`: ${FINDING}`]]);
  });

  test.each([
    ['tolist index', TOLIST],
    ['splat', '${azurerm_virtual_network.main.subnet[*].id[0]}'],
    ['element of a for expression', '${element([for s in azurerm_virtual_network.main.subnet : s.id], var.i)}'],
    ["a plan's single reference", '${azurerm_virtual_network.main.subnet}'],
  ])('two inline subnets, the host reference a %s: which one cannot be told, so UNKNOWN when only one is off', (_, ref) => {
    const [c, reasons] = judge(inlineStack([sub('hosts', false), sub('web')], ref));
    expect(c).toBe(Compliance.UNKNOWN);
    expect(reasons).toEqual([`\`${ref}\` may mean inline subnet \`hosts\` or \`web\`; default outbound access is on in \`web\``]);
  });

  test('two inline subnets with the access on are findings whichever holds the host; both off is compliant', () => {
    expect(judge(inlineStack([sub('hosts'), sub('web', true)]))).toEqual([Compliance.NON_COMPLIANT, [`inline subnet \`hosts\`: ${FINDING}`, `inline subnet \`web\`: ${FINDING}`]]);
    expect(judge(inlineStack([sub('hosts', false), sub('web', false)]))).toEqual([Compliance.COMPLIANT, []]);
  });

  test.each([
    ['a filtered list', NAMED],
    ['one() of a filtered list', '${one([for s in azurerm_virtual_network.main.subnet : s.id if s.name == "hosts"])}'],
    ['a map by name', '${{for s in azurerm_virtual_network.main.subnet : s.name => s.id}["hosts"]}'],
  ])('a reference naming the subnet (%s) is judged on that subnet alone', (_, ref) => {
    expect(judge(inlineStack([sub('web'), sub('hosts', false)], ref))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(inlineStack([sub('web', false), sub('hosts')], ref))).toEqual([Compliance.NON_COMPLIANT, [`inline subnet \`hosts\`: ${FINDING}`]]);
  });

  test.each([
    ['one() with an index too', NAMED.replace('${[', '${one([').replace('][0]}', '][0])}')],
    ['no one() and no index', NAMED.replace('][0]}', ']}')],
    ['a filter on another attribute', NAMED.replace('s.name ==', 's.id ==')],
    ['another loop variable', NAMED.replace('if s.name', 'if t.name')],
    ['a map by another key', '${{for s in azurerm_virtual_network.main.subnet : s.id => s.id}["hosts"]}'],
    ['more text after the reference', `${NAMED}-x`],
    ['text before the reference', `x${NAMED}`],
  ])('a reference that does not name one subnet (%s) may mean any of them', (_, ref) => {
    expect(judge(inlineStack([sub('web'), sub('hosts', false)], ref))).toEqual([Compliance.UNKNOWN, [`\`${ref}\` may mean inline subnet \`web\` or \`hosts\`; default outbound access is on in \`web\``]]);
  });

  test('the UNKNOWN names every subnet with the access on; an unnamed inline subnet is named as such', () => {
    const [c, reasons] = judge(inlineStack([sub('hosts', false), sub('web'), sub('db', true)]));
    expect([c, reasons]).toEqual([Compliance.UNKNOWN, [`\`${TOLIST}\` may mean inline subnet \`hosts\` or \`web\` or \`db\`; default outbound access is on in \`web\`, \`db\``]]);
    expect(judge(inlineStack([{ address_prefixes: ['10.1.1.0/24'] }]))).toEqual([Compliance.NON_COMPLIANT, [`inline subnet \`(unnamed)\`: ${FINDING}`]]);
  });

  test('a host NIC and the network in different modules are different networks; so are a NAT association and a network', () => {
    expect(inModule(inlineStack([sub('hosts')]), [])).toBe(Compliance.NON_COMPLIANT);
    expect(inModule(inlineStack([sub('hosts')]), ['azurerm_virtual_network'])).toBe(Compliance.NOT_APPLICABLE);
    expect(inModule(withNat(inlineStack([sub('hosts')]), TOLIST), [])).toBe(Compliance.COMPLIANT);
    expect(inModule(withNat(inlineStack([sub('hosts')]), TOLIST), ['azurerm_subnet_nat_gateway_association'])).toBe(Compliance.NON_COMPLIANT);
  });

  test('only Windows hosts count (a Linux VM in the subnet is not an RDP host); only subnets and networks are judged', () => {
    const linux = withResource(inlineStack([sub('hosts')]), 'azurerm_linux_virtual_machine', 'jump', { name: 'jump', network_interface_ids: ['${azurerm_network_interface.host.id}'] });
    expect(judge(withResource(linux, 'azurerm_windows_virtual_machine', 'host', undefined))[0]).toBe(Compliance.NOT_APPLICABLE);
    const odd = patch(azureStack(), 'azurerm_network_interface', 'host', { ip_configuration: [{ name: 'ip', subnet_id: '${azurerm_network_security_group.rdp.id}' }] });
    expect(judge(odd, 'azurerm_network_security_group.rdp')[0]).toBe(Compliance.NOT_APPLICABLE);
  });

  test('a name no inline subnet has may mean any of them', () => {
    const ref = NAMED.replace('"hosts"', '"db"');
    expect(judge(inlineStack([sub('web'), sub('hosts', false)], ref))).toEqual([Compliance.UNKNOWN, [`\`${ref}\` may mean inline subnet \`web\` or \`hosts\`; default outbound access is on in \`web\``]]);
  });

  test('a NAT gateway association tied to the inline subnet is an explicit egress path; one that may be another\'s is UNKNOWN', () => {
    expect(judge(withNat(inlineStack([sub('hosts')]), TOLIST))).toEqual([Compliance.COMPLIANT, []]);
    expect(judge(withNat(inlineStack([sub('hosts'), sub('web', false)], NAMED), NAMED))).toEqual([Compliance.COMPLIANT, []]);
    const unsure = judge(withNat(inlineStack([sub('hosts'), sub('web', false)], NAMED), TOLIST));
    expect(unsure).toEqual([Compliance.UNKNOWN, [`\`${NAMED}\` may mean inline subnet \`hosts\`; default outbound access is on in \`hosts\` (unless the NAT gateway association whose subnet cannot be told is its own)`]]);
    const other = NAMED.replace('"hosts"', '"web"');
    expect(judge(withNat(inlineStack([sub('hosts'), sub('web')], NAMED), other))).toEqual([Compliance.NON_COMPLIANT, [`inline subnet \`hosts\`: ${FINDING}`]]);
    expect(judge(withNat(inlineStack([sub('hosts')]), '${azurerm_virtual_network.other.subnet}'))[0]).toBe(Compliance.NON_COMPLIANT);
  });

  test('a reference to the subnets of a network without inline subnets is UNKNOWN (they are declared elsewhere)', () => {
    expect(judge(inlineStack([]))).toEqual([Compliance.UNKNOWN, [`\`${TOLIST}\` reads the subnets of ${VNET}, which declares no inline subnet: they are created outside what this document shows`]]);
  });

  test('no host in the network: not applicable', () => {
    expect(judge(withResource(inlineStack([sub('hosts')]), 'azurerm_windows_virtual_machine', 'host', undefined))[0]).toBe(Compliance.NOT_APPLICABLE);
    const onlyOther = withResource(inlineStack([sub('hosts')]), 'azurerm_network_interface', 'spare', { name: 'spare', ip_configuration: [{ name: 'ip', subnet_id: TOLIST }] });
    expect(judge(patch(onlyOther, 'azurerm_network_interface', 'host', { ip_configuration: [{ name: 'ip', subnet_id: 'elsewhere' }] }))[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge(inlineStack([sub('hosts')], '${azurerm_virtual_network.mainx.subnet}'))[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge(inlineStack([sub('hosts')], '${xazurerm_virtual_network.main.subnet}'))[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge(inlineStack([sub('hosts')], '${azurerm_virtual_network.main.subnets}'))[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge(inlineStack([sub('hosts')], '${azurerm_virtual_network.main.name}'))[0]).toBe(Compliance.NOT_APPLICABLE);
  });

  test('a NIC in a separate azurerm_subnet is judged on that subnet as before, not on the network', () => {
    const separate = patch(azureStack(), 'azurerm_virtual_network', 'main', { subnet: [sub('other')] });
    expect(judge(separate)[0]).toBe(Compliance.NOT_APPLICABLE);
    expect(judge(separate, 'azurerm_subnet.hosts')).toEqual([Compliance.NON_COMPLIANT, [FINDING]]);
  });

  test('a plan of another module: the NIC reads the subnets only after apply, so a network with one subnet on is UNKNOWN, not silent', () => {
    const doc = documentFromPlan(modulePlan(), { source: 'plan.json' });
    const rule = RdpBaselinePack.rules.find((r) => r.id === ID);
    const vnet = doc.at('module.net.azurerm_virtual_network.vnet');
    if (!rule || !vnet) throw new Error('plan without the rule or the network');
    expect(evaluate(rule, vnet, doc)).toEqual({ compliance: Compliance.UNKNOWN, findings: ['`${azurerm_virtual_network.vnet.subnet}` may mean inline subnet `hosts` or `web`; default outbound access is on in `web`'] });
  });

  test('a host NIC that cannot be followed is UNKNOWN, not a host elsewhere', () => {
    const unfollowed = patch(inlineStack([sub('hosts', false)]), 'azurerm_windows_virtual_machine', 'host', { network_interface_ids: ['${var.x}'] });
    expect(judge(unfollowed)).toEqual([Compliance.UNKNOWN, ['`network_interface_ids[0]` is the unresolved expression ${var.x}']]);
  });

  test('an unreadable inline value is UNKNOWN naming it', () => {
    expect(judge(inlineStack([sub('hosts', '${var.x}')]))).toEqual([Compliance.UNKNOWN, ['`subnet["hosts"].default_outbound_access_enabled` is the unresolved expression ${var.x}']]);
    expect(judge(inlineStack([{ name: '${var.x}' }]))).toEqual([Compliance.UNKNOWN, ['`subnet.name` is the unresolved expression ${var.x}']]);
    expect(judge(patch(inlineStack([]), 'azurerm_virtual_network', 'main', { subnet: '${var.x}' }))).toEqual([Compliance.UNKNOWN, ['`subnet` is the unresolved expression ${var.x}']]);
  });
});
