/**
 * Builds a `.rdp` connection file for one host from a synthesized stack (`cdk.tf.json`): the address
 * and port the client connects to (the host's RDP port, or the local end of a Session Manager / Bastion
 * tunnel), NLA through CredSSP with server authentication required, and every device redirection off
 * unless the host's hardening profile allows it. Pure: no file or network access.
 */
import { ACCESS_MODE_KEY, AccessMode, HARDENING_MANIFEST_PREFIX } from '../../contract';

/** How the client reaches the host, as read from the stack. */
export interface RdpTarget {
  /** The host's configured name. */
  readonly host: string;
  /** `vpn-only`, `allowlist`, `session-manager` or `bastion`. */
  readonly accessMode: string;
  /** The host's RDP listener port. */
  readonly rdpPort: number;
  /** Redirection kinds the host's profile allows (`clipboard`, `drive`, …). */
  readonly allowedRedirections: readonly string[];
  /** True when the client connects to the local end of a tunnel (localhost). */
  readonly tunnel: boolean;
}

/** A problem with the stack or the host, said in one sentence. */
export class RdpFileError extends Error {}

type Json = { resource?: Record<string, Record<string, Record<string, unknown>>>; output?: Record<string, { value?: unknown }> };

/** Reads the target from a synthesized stack's JSON. */
export function readTarget(stackJson: Json, host: string): RdpTarget {
  const prefix = host.replace(/-/g, '_');
  const outputs = stackJson.output ?? {};
  const port = outputs[`${prefix}_rdp_port`]?.value;
  if (typeof port !== 'number') {
    const known = Object.keys(outputs).filter((k) => k.endsWith('_rdp_port')).map((k) => k.slice(0, -'_rdp_port'.length).replace(/_/g, '-'));
    throw new RdpFileError(`host ${JSON.stringify(host)} is not in this stack. Hosts: ${known.join(', ') || 'none'}.`);
  }
  const idOutput = outputs[`${prefix}_instance_id`]?.value ?? outputs[`${prefix}_vm_id`]?.value;
  const ref = /^\$\{(aws_instance|azurerm_windows_virtual_machine)\.([^.}]+)\.id\}$/.exec(String(idOutput));
  if (!ref) throw new RdpFileError(`the stack's output ${prefix}_instance_id / ${prefix}_vm_id does not name the host's instance or VM.`);
  const [, type, name] = ref;
  const resource = stackJson.resource?.[type]?.[name];
  if (!resource) throw new RdpFileError(`the stack has no ${type}.${name}.`);
  const accessMode = String((resource['//'] as Record<string, unknown> | undefined)?.[ACCESS_MODE_KEY] ?? AccessMode.VPN_ONLY);
  const manifest = manifestOf(type === 'aws_instance' ? [String(resource.user_data ?? '')] : azureScripts(stackJson, name));
  if (manifest.port !== port) throw new RdpFileError(`the guest profile's port (${String(manifest.port)}) differs from the stack's rdp_port output (${port}); re-synthesize the stack.`);
  const allowed = Array.isArray(manifest.allowedRedirections) ? manifest.allowedRedirections.map(String) : [];
  return { host, accessMode, rdpPort: port, allowedRedirections: allowed, tunnel: accessMode === AccessMode.SESSION_MANAGER || accessMode === AccessMode.BASTION };
}

function azureScripts(stackJson: Json, vmName: string): string[] {
  return Object.values(stackJson.resource?.azurerm_virtual_machine_run_command ?? {})
    .filter((r) => String(r.virtual_machine_id) === `\${azurerm_windows_virtual_machine.${vmName}.id}`)
    .map((r) => {
      const source = r.source as { script?: string } | { script?: string }[] | undefined;
      return String((Array.isArray(source) ? source[0]?.script : source?.script) ?? '');
    });
}

function manifestOf(scripts: string[]): Record<string, unknown> {
  for (const script of scripts) {
    // The manifest line: the contract's prefix, then single-line JSON.
    const line = script.split(/\r?\n/).find((l) => l.startsWith(`${HARDENING_MANIFEST_PREFIX}{`) && l.trimEnd().endsWith('}'));
    if (line) return JSON.parse(line.slice(HARDENING_MANIFEST_PREFIX.length)) as Record<string, unknown>;
  }
  throw new RdpFileError(`the host carries no readable hardening profile (no "${HARDENING_MANIFEST_PREFIX.trim()}" line in its script).`);
}

/**
 * The redirection properties of an `.rdp` file, per profile redirection kind: the value when allowed and
 * when forbidden. Property names from Microsoft's "Supported RDP properties" list.
 */
const REDIRECTION_PROPERTIES: readonly { kind: string; name: string; allowed: string; forbidden: string }[] = [
  { kind: 'clipboard', name: 'redirectclipboard:i', allowed: '1', forbidden: '0' },
  { kind: 'drive', name: 'drivestoredirect:s', allowed: '*', forbidden: '' },
  { kind: 'printer', name: 'redirectprinters:i', allowed: '1', forbidden: '0' },
  { kind: 'comPort', name: 'redirectcomports:i', allowed: '1', forbidden: '0' },
  { kind: 'smartCard', name: 'redirectsmartcards:i', allowed: '1', forbidden: '0' },
  { kind: 'pnpDevice', name: 'devicestoredirect:s', allowed: '*', forbidden: '' },
  { kind: 'pnpDevice', name: 'usbdevicestoredirect:s', allowed: '*', forbidden: '' },
  { kind: 'location', name: 'redirectlocation:i', allowed: '1', forbidden: '0' },
  { kind: 'webAuthn', name: 'redirectwebauthn:i', allowed: '1', forbidden: '0' },
  { kind: 'audioCapture', name: 'audiocapturemode:i', allowed: '1', forbidden: '0' },
  { kind: 'camera', name: 'camerastoredirect:s', allowed: '*', forbidden: '' },
];

/** Options of {@link renderRdpFile}. */
export interface RdpFileOptions {
  /** Address to connect to: required without a tunnel (the host's private or public IP / DNS name). */
  readonly address?: string;
  /** Local port of the tunnel @default the RDP port */
  readonly localPort?: number;
}

/** The `.rdp` file text (CRLF line endings, as mstsc writes them). */
export function renderRdpFile(target: RdpTarget, options: RdpFileOptions = {}): string {
  if (!target.tunnel && !options.address) {
    throw new RdpFileError(`host ${target.host} is ${target.accessMode}: pass --address with its IP or DNS name (e.g. from \`terraform output -raw ${target.host.replace(/-/g, '_')}_private_ip\`).`);
  }
  if (options.address !== undefined && !/^[A-Za-z0-9.:-]{1,253}$/.test(options.address)) {
    throw new RdpFileError(`--address must be an IP address or DNS name, got ${JSON.stringify(options.address.slice(0, 80))}.`);
  }
  const address = target.tunnel ? options.address ?? 'localhost' : options.address!;
  const port = target.tunnel ? options.localPort ?? target.rdpPort : target.rdpPort;
  const lines = [
    `full address:s:${address}:${port}`,
    // 2: if the server's certificate cannot be verified, warn and let the user decide (0 connects silently, 1 refuses).
    // Through a tunnel the client connects to localhost, which never matches the host's certificate name, so 1 would refuse every session.
    'authentication level:i:2',
    'enablecredsspsupport:i:1',
    'prompt for credentials:i:1',
    'negotiate security layer:i:1',
    'audiomode:i:2',
    ...REDIRECTION_PROPERTIES.map((p) => `${p.name}:${target.allowedRedirections.includes(p.kind) ? p.allowed : p.forbidden}`),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
