/**
 * One small adapter per cloud for the parity suite: the same scenario (a host or a group with the same
 * cloud-neutral props, a VPN connected to it, a zero-inbound mode) built on AWS or Azure, and its
 * exposure read back from the synthesized JSON by the policy engine's reachability model
 * (policy/network/reachability.ts), the same evaluator for both clouds.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack } from 'cdktf';
import {
  AwsRdpHost,
  AwsRdpHostGroup,
  AwsRdpSiteToSiteVpn,
  AzureRdpBastion,
  AzureRdpHost,
  AzureRdpHostGroup,
  AzureRdpKeyVault,
  AzureRdpNetwork,
  AzureRdpVpnGateway,
  AzureWindowsImage,
  IRdpTarget,
  Peer,
  RdpAccess,
  RdpHostBase,
  RdpHostGroupBase,
  RdpHostGroupBaseProps,
  WindowsAmi,
  WindowsServerVersion,
} from '../../constructs';
import { documentFromConfiguration } from '../../policy/loaders';
import { entriesAt, reachabilityOf, SourceClass } from '../../policy/network/reachability';
import { plainNetworkWithPublicSubnet } from '../helpers/aws-network';
import { fullSynthJson, synthJson, testStack } from '../helpers/template';

/** The cloud-neutral props of a scenario's host or group. */
export type HostSpec = Omit<RdpHostGroupBaseProps, 'windowsVersion'> & { readonly windowsVersion?: WindowsServerVersion };

/** The on-premises range every scenario's VPN admits. */
export const ON_PREMISES_CIDR = '192.168.10.0/24';

/** What one host admits on RDP, as the reachability model reads the synthesized JSON. */
export interface Exposure {
  /** `transport source` for every non-platform source that reaches the RDP port. */
  readonly rdp: string[];
  /** `transport port source` for every non-platform source that reaches another port a scanner tries. */
  readonly otherPorts: string[];
  /** Whether the host has a public address. */
  readonly publicAddress: 'yes' | 'no' | 'unknown';
  /** The RDP port(s) the model found in the guest profile. */
  readonly rdpPorts: readonly number[];
}

const SCANNED_PORTS = [22, 135, 445, 3389, 5985, 5986];

/** A scenario's stack on one cloud. */
export interface CloudScenario {
  readonly stack: TerraformStack;
  /** A host with a group of its own. */
  host(name: string, spec?: HostSpec, extra?: Record<string, unknown>): RdpHostBase<RdpHostGroupBase>;
  /** A host group. */
  group(name: string, spec?: HostSpec): RdpHostGroupBase;
  /** A member host of `group`; `spec` lists props a member must not set (to test the refusal). */
  member(name: string, group: RdpHostGroupBase, spec?: HostSpec): RdpHostBase<RdpHostGroupBase>;
  /** A site-to-site VPN from {@link ON_PREMISES_CIDR}, connected to `target`. */
  connectVpn(target: IRdpTarget): void;
  /** This cloud's zero-inbound access mode. */
  zeroInbound(): RdpAccess;
  /** The other cloud's zero-inbound mode (refused here). */
  foreignZeroInbound(): RdpAccess;
  /** Exposure of every host, by host name, from the synthesized JSON. */
  exposure(): Record<string, Exposure>;
  /** Synthesizes as `app.synth()` does: cdktf's preparing pass (which resolves every token), then aspects and validations. */
  synth(): void;
}

/** A cloud the parity suite runs on. */
export interface Cloud {
  readonly name: 'AWS' | 'Azure';
  /** A fresh scenario with providers and a network. */
  scenario(): CloudScenario;
}

function exposureOf(stack: TerraformStack, hostType: string): Record<string, Exposure> {
  const doc = documentFromConfiguration(JSON.parse(JSON.stringify(fullSynthJson(stack))), { source: 'parity/cdk.tf.json', stack: stack.node.id });
  const out: Record<string, Exposure> = {};
  for (const host of doc.resources.filter((r) => r.type === hostType)) {
    const model = reachabilityOf(host, doc);
    const name = (host.constructPath ?? host.name).split('/').slice(-2, -1)[0];
    const visible = (port: number, transport: 'tcp' | 'udp') => entriesAt(model, port, transport).filter((e) => e.sourceClass !== SourceClass.PLATFORM);
    const rdp = model.rdpPorts.flatMap((port) => (['tcp', 'udp'] as const).flatMap((t) => visible(port, t).map((e) => `${t} ${e.source.value}`)));
    const otherPorts = SCANNED_PORTS.filter((p) => !model.rdpPorts.includes(p)).flatMap((port) => (['tcp', 'udp'] as const).flatMap((t) => visible(port, t).map((e) => `${t} ${port} ${e.source.value}`)));
    out[name] = { rdp: [...new Set(rdp)].sort(), otherPorts: [...new Set(otherPorts)].sort(), publicAddress: model.publicAddress.state, rdpPorts: model.rdpPorts };
  }
  return out;
}

const AMI_ID = 'ami-0123456789abcdef0';

/** What `app.synth()` does to a stack, in its order: prepare (resolve every token), then aspects and validations. */
function realSynth(stack: TerraformStack): void {
  stack.prepareStack();
  synthJson(stack, true);
}

export const AWS: Cloud = {
  name: 'AWS',
  scenario(): CloudScenario {
    const stack = testStack();
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const network = plainNetworkWithPublicSubnet();
    const image = (v?: WindowsServerVersion) => WindowsAmi.fromId(AMI_ID, { windowsVersion: v });
    let vpn: AwsRdpSiteToSiteVpn | undefined;
    return {
      stack,
      host: (name, { windowsVersion, ...spec } = {}, extra = {}) => new AwsRdpHost(stack, name, { network, ...spec, image: image(windowsVersion), ...extra }),
      group: (name, spec = {}) => new AwsRdpHostGroup(stack, name, { network, ...spec }),
      member: (name, group, { windowsVersion, ...spec } = {}) => new AwsRdpHost(stack, name, { group: group as AwsRdpHostGroup, ...spec, image: image(windowsVersion ?? group.windowsVersion) }),
      connectVpn: (target) => {
        vpn ??= new AwsRdpSiteToSiteVpn(stack, 'Vpn', { network, customerGatewayIp: '198.51.100.7', onPremisesCidrs: [ON_PREMISES_CIDR] });
        vpn.allowRdpTo(target as IRdpTarget<AwsRdpHostGroup>);
      },
      zeroInbound: () => RdpAccess.sessionManager(),
      foreignZeroInbound: () => RdpAccess.bastion({ sourcePeer: Peer.cidr('10.52.254.0/26'), label: 'Azure Bastion' }),
      exposure: () => exposureOf(stack, 'aws_instance'),
      synth: () => realSynth(stack),
    };
  },
};

export const AZURE: Cloud = {
  name: 'Azure',
  scenario(): CloudScenario {
    const stack = testStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new RandomProvider(stack, 'random');
    const network = new AzureRdpNetwork(stack, 'Net', { location: 'westeurope' });
    const keyVault = new AzureRdpKeyVault(stack, 'Vault', { resourceGroupName: network.resourceGroupName, location: network.location });
    let subnets = 0;
    const subnet = (name: string) => network.addHostSubnet(name.toLowerCase(), `10.52.${++subnets}.0/24`);
    const image = (v?: WindowsServerVersion) =>
      v === undefined ? AzureWindowsImage.server2022DatacenterAzureEdition() : { [WindowsServerVersion.SERVER_2019.name]: AzureWindowsImage.server2019DatacenterGen2(), [WindowsServerVersion.SERVER_2022.name]: AzureWindowsImage.server2022DatacenterAzureEdition(), [WindowsServerVersion.SERVER_2025.name]: AzureWindowsImage.server2025DatacenterAzureEdition() }[v.name]!;
    let vpn: AzureRdpVpnGateway | undefined;
    let bastion: AzureRdpBastion | undefined;
    return {
      stack,
      host: (name, { windowsVersion, ...spec } = {}, extra = {}) => new AzureRdpHost(stack, name, { subnet: subnet(name), keyVault, name: name.toLowerCase(), ...spec, image: image(windowsVersion), ...extra }),
      group: (name, spec = {}) => new AzureRdpHostGroup(stack, name, { subnet: subnet(name), name: name.toLowerCase(), ...spec }),
      member: (name, group, { windowsVersion, ...spec } = {}) => new AzureRdpHost(stack, name, { group: group as AzureRdpHostGroup, keyVault, name: name.toLowerCase(), ...spec, image: image(windowsVersion ?? group.windowsVersion) }),
      connectVpn: (target) => {
        if (!vpn) {
          vpn = new AzureRdpVpnGateway(stack, 'Vpn', { network });
          vpn.addSiteToSiteConnection('office', { customerGatewayIp: '198.51.100.7', onPremisesCidrs: [ON_PREMISES_CIDR] });
        }
        vpn.allowRdpTo(target as IRdpTarget<AzureRdpHostGroup>);
      },
      zeroInbound: () => RdpAccess.bastion((bastion ??= new AzureRdpBastion(stack, 'Bastion', { network, subnetCidr: '10.52.254.0/26' }))),
      foreignZeroInbound: () => RdpAccess.sessionManager(),
      exposure: () => exposureOf(stack, 'azurerm_windows_virtual_machine'),
      synth: () => realSynth(stack),
    };
  },
};

/** Both clouds, for `describe.each`. */
export const CLOUDS: readonly Cloud[] = [AWS, AZURE];
