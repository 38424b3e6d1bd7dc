import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { buildStacks } from '../../stacks/app';
import { validateConfig } from '../../stacks/config/load-config';
import { fleetConfig, FLEET_ROLES } from '../../stacks/fleet-config';
import { TerraformJson } from '../helpers/template';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'fleet.example.json');

function synthFleet(hosts: number): Map<string, TerraformJson> {
  const app: App = Testing.app();
  buildStacks(app, validateConfig(fleetConfig(hosts), {}));
  const stacks = app.node.children as unknown as { node: { id: string }; toTerraform(): unknown }[];
  return new Map(stacks.map((s) => [s.node.id, JSON.parse(JSON.stringify(s.toTerraform())) as TerraformJson]));
}

const count = (json: TerraformJson | undefined, type: string) => Object.keys(json?.resource?.[type] ?? {}).length;

describe('fleet example', () => {
  test('examples/fleet.example.json is the generated fleet of 8 (regenerate it from stacks/fleet-config.ts when that changes)', () => {
    const { $schema, ...example } = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
    expect($schema).toBe('../rdp-hosts.schema.json');
    expect(example).toEqual(JSON.parse(JSON.stringify(fleetConfig(8))));
  });

  test('one network and one VPN per cloud; one security group / NSG per role, however many hosts', () => {
    const stacks = synthFleet(40);
    const aws = stacks.get('aws-rdp-fleet');
    const azure = stacks.get('azure-rdp-fleet');
    expect(count(aws, 'aws_instance')).toBe(20);
    expect(count(azure, 'azurerm_windows_virtual_machine')).toBe(20);
    expect(count(aws, 'aws_vpc')).toBe(1);
    expect(count(aws, 'aws_ec2_client_vpn_endpoint')).toBe(1);
    expect(count(azure, 'azurerm_virtual_network')).toBe(1);
    expect(count(azure, 'azurerm_virtual_network_gateway')).toBe(1);
    // Host groups' security groups (the VPN endpoint and the SSM endpoints have their own).
    expect(Object.keys(aws?.resource?.aws_security_group ?? {}).filter((k) => k.startsWith('Group-'))).toHaveLength(FLEET_ROLES.length);
    expect(count(aws, 'aws_ssm_association')).toBe(FLEET_ROLES.length);
    expect(count(azure, 'azurerm_network_security_group')).toBe(FLEET_ROLES.length);
    expect(count(azure, 'azurerm_subnet_network_security_group_association')).toBe(FLEET_ROLES.length);
    // Stable rule allocation: each role's NSG admits the VPN pool once.
    const allows = Object.values(azure?.resource?.azurerm_network_security_rule ?? {}).filter((r) => (r as Record<string, unknown>).access === 'Allow');
    expect(allows).toHaveLength(FLEET_ROLES.length);
  });
});
