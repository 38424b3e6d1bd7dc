import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { toHardeningOptions } from './config/hardening-config';
import { RdpStackOptions } from './stack-options';
import { configureStateBackend } from './state-backend';
import { AzureConfig, azureHostAccess, AzureHostConfig, p2sAuthenticationOf } from './config/azure-config';
import { toAcknowledge } from './config/fields';
import { bastionTunnelCommand, probeCommand } from './outputs';
import { AzureRdpBastion, AzureRdpHost, AzureRdpHostGroup, AzureRdpKeyVault, AzureRdpNetwork, AzureRdpVpnGateway, AzureVpnGatewaySku, AzureWindowsImage, IAzureRdpSubnet, P2sProtocol } from '../constructs/azure';
import { RdpPort } from '../constructs/core';

/** Default name of the Azure example stack. */
export const DEFAULT_AZURE_STACK_NAME = 'azure-rdp-hosts';

/**
 * Terraform variable holding the public IPv4 address of the CI runner running this apply; the Key Vault
 * admits it while it is set (CI sets `TF_VAR_key_vault_runner_ip`, docs/ci.md). Empty by default.
 */
export const KEY_VAULT_RUNNER_IP_VARIABLE = 'key_vault_runner_ip';

/** Tag on the Key Vault naming its stack, so CI finds the vault to admit and remove its runner (docs/ci.md). */
export const KEY_VAULT_STACK_TAG = 'secure-rdp-hosts-stack';

/** Dotted-quad IPv4 (each part 0–255), as a Terraform regex without backslashes. */
const IPV4_REGEX = '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])[.]){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$';

/** The image a host config names (the library default when unset). */
function imageOf(host: AzureHostConfig): AzureWindowsImage {
  return host.image === undefined ? AzureWindowsImage.server2022DatacenterAzureEdition() : AzureWindowsImage.fromSku(host.image);
}

/**
 * The Azure example stack: a resource group, a virtual network with one subnet per host, a Key Vault
 * for the generated administrator passwords, the configured VPN gateway, and the Windows RDP hosts,
 * each reachable on its custom port only through the gateway (VPN-only mode) or from its allowlist.
 * The gateway serves every host. Built from the validated `azure` section.
 *
 * The subscription comes from `azure.subscriptionId` or, when that is unset, from ARM_SUBSCRIPTION_ID
 * at plan time; nothing about the subscription or credentials is written into the stack otherwise.
 */
export class AzureRdpStack extends TerraformStack {
  /** The hosts, by configured name. */
  public readonly hosts: ReadonlyMap<string, AzureRdpHost>;

  constructor(scope: Construct, id: string, config: AzureConfig, options: RdpStackOptions = {}) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', {
      subscriptionId: config.subscriptionId,
      features: [{
        // Purge protection forbids purging; keep deleted vaults and secrets recoverable, and recover them on re-create.
        keyVault: [{ purgeSoftDeleteOnDestroy: false, purgeSoftDeletedSecretsOnDestroy: false, recoverSoftDeletedKeyVaults: true, recoverSoftDeletedSecrets: true }],
      }],
    });
    new RandomProvider(this, 'random');
    configureStateBackend(this, 'azure', options.state, options.environment);

    // Tag text is made literal by the Azure constructs themselves (escaped where they write resources).
    const tags = { ...config.tags, 'managed-by': 'secure-rdp-hosts' };
    const network = config.hosts.some((h) => h.subnetCidr !== undefined)
      ? new AzureRdpNetwork(this, 'Network', {
        location: config.location,
        namePrefix: config.network?.namePrefix ?? id,
        existingResourceGroupName: config.network?.existingResourceGroupName,
        addressSpace: config.network?.addressSpace,
        flowLogStorageAccountId: config.network?.flowLogStorageAccountId,
        flowLogRetentionDays: config.network?.flowLogRetentionDays,
        tags,
      })
      : undefined;
    const resourceGroupName = network?.resourceGroupName ?? config.network!.existingResourceGroupName!;
    const runnerIp = new TerraformVariable(this, KEY_VAULT_RUNNER_IP_VARIABLE, {
      type: 'string',
      default: '',
      nullable: false,
      description: 'Public IPv4 address of the CI runner running this apply; the Key Vault admits it while set (docs/ci.md). Empty: only keyVault.deployerIpRanges.',
      validation: [{
        condition: `\${var.${KEY_VAULT_RUNNER_IP_VARIABLE} == "" || can(regex("${IPV4_REGEX}", var.${KEY_VAULT_RUNNER_IP_VARIABLE}))}`,
        errorMessage: 'key_vault_runner_ip must be empty or one IPv4 address such as 203.0.113.7.',
      }],
    });
    runnerIp.overrideLogicalId(KEY_VAULT_RUNNER_IP_VARIABLE);
    const keyVault = new AzureRdpKeyVault(this, 'KeyVault', {
      resourceGroupName,
      location: config.location,
      name: config.keyVault?.name,
      deployerIpRanges: config.keyVault?.deployerIpRanges,
      runnerIpAddress: runnerIp.stringValue,
      grantDeployerSecretsOfficer: config.keyVault?.grantDeployerSecretsOfficer,
      softDeleteRetentionDays: config.keyVault?.softDeleteRetentionDays,
      tags: { ...tags, [KEY_VAULT_STACK_TAG]: id },
    });
    new TerraformOutput(this, 'key_vault_name', { value: keyVault.keyVaultName, description: 'Key Vault holding the administrator passwords' });

    const vpn = config.vpnGateway ? this.vpnGateway(config, network!, config.network?.namePrefix ?? id, keyVault, tags) : undefined;
    const bastion = config.bastion
      ? new AzureRdpBastion(this, 'Bastion', {
        network: network!,
        subnetCidr: config.bastion.subnetCidr,
        sku: config.bastion.sku,
        sessionRecording: config.bastion.sessionRecording,
        scaleUnits: config.bastion.scaleUnits,
        name: config.bastion.name ?? `${config.network?.namePrefix ?? id}-bastion`,
        tags,
      })
      : undefined;
    if (bastion) new TerraformOutput(this, 'bastion_name', { value: bastion.bastionName, description: 'Azure Bastion serving the hosts with access "bastion" (az network bastion rdp / tunnel --name <this>)' });
    const hosts = new Map<string, AzureRdpHost>();
    const groups = new Map<string, AzureRdpHostGroup>();
    config.hosts.forEach((hostConfig, index) => {
      const field = `azure.hosts[${index}]`;
      const groupName = hostConfig.group ?? hostConfig.name;
      let group = groups.get(groupName);
      if (!group) {
        const subnet: IAzureRdpSubnet = hostConfig.subnetCidr !== undefined
          ? network!.addHostSubnet(groupName, hostConfig.subnetCidr, { internetEgress: toAcknowledge(hostConfig.internetEgress, `${field}.internetEgress`) })
          : AzureRdpNetwork.fromExistingSubnet({ subnetId: hostConfig.existingSubnetId!, resourceGroupName, location: config.location, internetEgress: toAcknowledge(hostConfig.internetEgress, `${field}.internetEgress`) });
        group = this.group(groupName, hostConfig, field, subnet, tags, bastion);
        // A bastion group admits only its Bastion's subnet: no gateway is connected to it.
        if (!group.access.isZeroInbound) vpn?.allowRdpTo(group);
        groups.set(groupName, group);
      }
      const host = this.host(hostConfig, group, keyVault, tags);
      hosts.set(hostConfig.name, host);
      this.outputs(hostConfig.name, host, bastion);
    });
    this.hosts = hosts;
  }

  private vpnGateway(config: AzureConfig, network: AzureRdpNetwork, namePrefix: string, keyVault: AzureRdpKeyVault, tags: Record<string, string>): AzureRdpVpnGateway {
    const gw = config.vpnGateway!;
    const field = 'azure.vpnGateway';
    const p2s = gw.pointToSite;
    const vpn = new AzureRdpVpnGateway(this, 'VpnGateway', {
      network,
      name: gw.name ?? `${namePrefix}-vpngw`,
      sku: gw.sku === undefined && gw.generation === undefined ? undefined : AzureVpnGatewaySku.fromName(gw.sku ?? 'VpnGw1AZ', gw.generation),
      gatewaySubnetCidr: gw.gatewaySubnetCidr,
      publicIpZones: gw.publicIpZones,
      p2sAuthentication: p2s ? p2sAuthenticationOf(p2s, `${field}.pointToSite`) : undefined,
      p2sAddressPool: p2s?.addressPool,
      p2sProtocols: p2s?.protocols as P2sProtocol[] | undefined,
      tags,
    });
    const s2s = gw.siteToSite;
    if (s2s) {
      vpn.addSiteToSiteConnection(s2s.name ?? 'on-premises', { customerGatewayIp: s2s.customerGatewayIp, onPremisesCidrs: s2s.onPremisesCidrs, keyVault, sharedKeyValidityDays: s2s.sharedKeyValidityDays, tags });
    }
    new TerraformOutput(this, 'vpn_gateway_id', { value: vpn.gatewayId, description: 'VPN gateway: download the point-to-site client profile with `az network vnet-gateway vpn-client generate --ids <this>`' });
    new TerraformOutput(this, 'vpn_gateway_public_ip', { value: vpn.publicIpAddress, description: 'Public IPv4 address of the VPN gateway (the on-premises device connects to it)' });
    return vpn;
  }

  /** The group of hosts sharing a subnet, NSG and hardening; its settings come from its first host (the config check makes every member agree). */
  private group(name: string, host: AzureHostConfig, field: string, subnet: IAzureRdpSubnet, tags: Record<string, string>, bastion?: AzureRdpBastion): AzureRdpHostGroup {
    return new AzureRdpHostGroup(this, `Group-${name}`, {
      subnet,
      name,
      access: azureHostAccess(host, field, bastion),
      rdpPort: host.rdpPort === undefined ? undefined : RdpPort.of(host.rdpPort),
      udp: host.udp,
      windowsVersion: imageOf(host).windowsVersion,
      hardening: toHardeningOptions(host.hardening, `${field}.hardening`),
      skipSubnetNsgAssociation: toAcknowledge(host.skipSubnetNsgAssociation, `${field}.skipSubnetNsgAssociation`),
      tags,
    });
  }

  private host(host: AzureHostConfig, group: AzureRdpHostGroup, keyVault: AzureRdpKeyVault, tags: Record<string, string>): AzureRdpHost {
    return new AzureRdpHost(this, `Host-${host.name}`, {
      group,
      keyVault,
      name: host.name,
      computerName: host.computerName,
      image: imageOf(host),
      size: host.size,
      adminUsername: host.adminUsername,
      osDiskSizeGiB: host.osDiskSizeGiB,
      zone: host.zone,
      passwordValidityDays: host.passwordValidityDays,
      tags,
    });
  }

  private outputs(name: string, host: AzureRdpHost, bastion?: AzureRdpBastion): void {
    const prefix = name.replace(/-/g, '_');
    new TerraformOutput(this, `${prefix}_vm_id`, { value: host.virtualMachineId, description: `Virtual machine ID of ${name}` });
    new TerraformOutput(this, `${prefix}_private_ip`, { value: host.privateIp, description: `Private IPv4 address of ${name}` });
    if (host.publicIp) new TerraformOutput(this, `${prefix}_public_ip`, { value: host.publicIp, description: `Public IPv4 address of ${name} (allowlisted sources only)` });
    new TerraformOutput(this, `${prefix}_rdp_port`, { value: host.rdpPort.number, description: `RDP listener port of ${name}` });
    new TerraformOutput(this, `${prefix}_network_security_group_id`, { value: host.networkSecurityGroupId, description: `Network security group of ${name}` });
    new TerraformOutput(this, `${prefix}_admin_username`, { value: host.adminUsername, description: `Local administrator of ${name}` });
    new TerraformOutput(this, `${prefix}_admin_password_secret_id`, {
      value: host.adminPasswordSecretId,
      description: `Key Vault secret holding ${name}'s administrator password (read it with: az keyvault secret show --id <this> --query value -o tsv)`,
    });
    if (bastion && host.group.access.isBastion) {
      new TerraformOutput(this, `${prefix}_tunnel_command`, { value: bastionTunnelCommand(bastion.bastionName, bastion.resourceGroupName, host.virtualMachineId, host.rdpPort), description: `Open the Bastion tunnel to ${name}, then connect mstsc (or the probe) to localhost:${host.rdpPort.number}` });
      new TerraformOutput(this, `${prefix}_probe_command`, { value: `npx secure-rdp-hosts probe localhost:${host.rdpPort.number}`, description: `Verify ${name}'s live RDP endpoint through the open Bastion tunnel` });
      return;
    }
    new TerraformOutput(this, `${prefix}_probe_command`, { value: probeCommand(host.privateIp, host.rdpPort), description: `Verify ${name}'s live RDP endpoint (run from inside the network or VPN)` });
  }
}
