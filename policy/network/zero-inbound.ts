/**
 * The zero-inbound access paths, read from the document: AWS Session Manager port forwarding (a
 * `Session` document of `sessionType: "Port"` pinned to a port; the agent connects to the host's
 * loopback, so no network rule is involved) and Azure Bastion (`azurerm_bastion_host` in an
 * `AzureBastionSubnet`; the host NSG must admit the RDP port from that subnet only).
 */
import { PolicyDocument } from '../document';
import { SynthResource } from '../resource';
import { blocks, isUnresolved, list } from '../values';
import { Source, SourceKind } from './sources';

/** The source label of a Session Manager tunnel in the exposure map and in reach entries. */
export const SESSION_MANAGER_SOURCE: Source = { kind: SourceKind.SERVICE_TAG, value: 'Session Manager agent (host loopback 127.0.0.1, ::1)' };

/** Session documents of `sessionType: "Port"` in the document, with the port they are pinned to (undefined when the port is a parameter). */
export function portForwardingDocuments(doc: PolicyDocument): { resource: SynthResource; port?: number }[] {
  return doc.ofType('aws_ssm_document').flatMap((d) => {
    if (d.body.document_type !== 'Session' || typeof d.body.content !== 'string') return [];
    let content: Record<string, unknown>;
    try {
      content = JSON.parse(d.body.content) as Record<string, unknown>;
    } catch {
      return [];
    }
    if (content.sessionType !== 'Port') return [];
    const properties = (content.properties ?? {}) as Record<string, unknown>;
    const port = Number(properties.portNumber);
    return [{ resource: d, port: /^\d+$/.test(String(properties.portNumber)) && !properties.host ? port : undefined }];
  });
}

/** The `AzureBastionSubnet` ranges of the document, each with the Bastion hosts placed in it. */
export function bastionSubnets(doc: PolicyDocument): { subnet: SynthResource; prefixes: string[]; bastions: SynthResource[] }[] {
  return doc
    .ofType('azurerm_subnet')
    .filter((s) => s.body.name === 'AzureBastionSubnet')
    .map((subnet) => ({
      subnet,
      prefixes: list(subnet.body.address_prefixes, 'address_prefixes').filter((p): p is string => typeof p === 'string' && !isUnresolved(p)),
      bastions: doc.ofType('azurerm_bastion_host').filter((b) => blocks(b.body.ip_configuration, 'ip_configuration').some((c) => doc.refersTo(c.subnet_id, subnet, b))),
    }));
}

/**
 * True when the NSG is on an `AzureBastionSubnet` that holds a Bastion. Microsoft requires that NSG to
 * admit HTTPS (443) from `Internet` (the Bastion's Entra-authenticated front end, not a host port) and
 * to let the Bastion reach `Internet` on 80 (session and certificate validation); see
 * https://learn.microsoft.com/en-us/azure/bastion/bastion-nsg. The world rules exempt exactly those.
 */
export function isBastionSubnetNsg(nsg: SynthResource | undefined, doc: PolicyDocument): boolean {
  if (!nsg || nsg.type !== 'azurerm_network_security_group') return false;
  return bastionSubnets(doc)
    .filter((b) => b.bastions.length > 0)
    .some((b) => doc.referrers(b.subnet, 'azurerm_subnet_network_security_group_association', 'subnet_id').some((a) => doc.refersTo(a.body.network_security_group_id, nsg, a)));
}

/** True for exactly one port range that is `port`. */
export function isOnlyPort(ports: readonly { from: number; to: number }[], port: number): boolean {
  return ports.length === 1 && ports[0].from === port && ports[0].to === port;
}
