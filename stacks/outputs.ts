import { Fn } from 'cdktf';
import { RdpPort } from '../constructs/core';

/** The `secure-rdp-hosts probe` command line for a host address and port (a Terraform expression when the address is a reference). */
export function probeCommand(address: string, port: RdpPort): string {
  return Fn.join('', ['npx secure-rdp-hosts probe ', address, `:${port.number}`]);
}

/** The `aws ssm start-session` command that forwards localhost:<port> to a session-manager host's RDP port. */
export function sessionManagerTunnelCommand(instanceId: string, documentName: string, port: RdpPort): string {
  return Fn.join('', ['aws ssm start-session --target ', instanceId, ` --document-name ${documentName} --parameters localPortNumber=${port.number}`]);
}

/** The `az network bastion tunnel` command that forwards localhost:<port> to a bastion host's RDP port. */
export function bastionTunnelCommand(bastionName: string, resourceGroupName: string, vmId: string, port: RdpPort): string {
  return Fn.join('', ['az network bastion tunnel --name ', bastionName, ' --resource-group ', resourceGroupName, ' --target-resource-id ', vmId, ` --resource-port ${port.number} --port ${port.number}`]);
}
