/**
 * Reads rendered RDP hardening scripts back, the way a reviewer or the policy engine would: the
 * manifest line, the registry writes, and the script as delivered by user data, an SSM document or an
 * Azure run command. Shared by the renderer tests and the cloud stack tests.
 */
const MANIFEST_LINE = /^# secure-rdp-hosts:profile (\{.*\})$/m;
const DWORD_LINE = /^\s*Set-Dword '([^']+)' '([^']+)' (-?\d+)$/gm;
const PROTOCOL_LINE = /^\s*Set-Protocol '([^']+)' \$(true|false)$/gm;

/** The parsed JSON of the script's `# secure-rdp-hosts:profile {...}` line; fails when there is none or several. */
export function manifestOf(script: string): Record<string, unknown> {
  const matches = script.match(new RegExp(MANIFEST_LINE.source, 'gm')) ?? [];
  if (matches.length !== 1) throw new Error(`expected exactly one manifest line, found ${matches.length}`);
  return JSON.parse(MANIFEST_LINE.exec(script)![1]) as Record<string, unknown>;
}

/** Every `Set-Dword` write, as `ROOT\\Name` (e.g. `WS\\PortNumber`) → the values written, in script order. */
export function dwordWrites(script: string): Map<string, number[]> {
  const writes = new Map<string, number[]>();
  for (const [, root, name, value] of script.matchAll(DWORD_LINE)) {
    const key = `${root}\\${name}`;
    writes.set(key, [...(writes.get(key) ?? []), Number(value)]);
  }
  return writes;
}

/** Every `Set-Protocol` line: SCHANNEL protocol name → enabled. */
export function protocolSettings(script: string): Map<string, boolean> {
  const settings = new Map<string, boolean>();
  for (const [, protocol, enabled] of script.matchAll(PROTOCOL_LINE)) settings.set(protocol, enabled === 'true');
  return settings;
}

/** The `$AllowedSources = @(...)` list the guest firewall rules use. */
export function firewallSources(script: string): string[] {
  const line = /^\$AllowedSources = @\((.*)\)$/m.exec(script);
  if (!line) throw new Error('no $AllowedSources line in the script');
  return [...line[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

/** The `$RdpPort = N` value the guest firewall rules use. */
export function firewallPort(script: string): number {
  const line = /^\$RdpPort = (\d+)$/m.exec(script);
  if (!line) throw new Error('no $RdpPort line in the script');
  return Number(line[1]);
}

/** The script inside EC2 user data (`<powershell>...</powershell>`), accepting plain or base64 text. */
export function scriptFromUserData(userData: string): string {
  const text = userData.includes('<powershell>') ? userData : Buffer.from(userData, 'base64').toString('utf8');
  const match = /^<powershell>\n([\s\S]*)<\/powershell>\n?$/.exec(text);
  if (!match) throw new Error('user data is not a single <powershell> block');
  return match[1];
}

/** The script an SSM Command document runs (its `aws:runPowerShellScript` step's lines, joined). */
export function scriptFromSsmDocument(content: string): string {
  const document = JSON.parse(content) as { mainSteps: { action: string; inputs: { runCommand: string[] } }[] };
  const steps = document.mainSteps.filter((s) => s.action === 'aws:runPowerShellScript');
  if (steps.length !== 1) throw new Error(`expected one aws:runPowerShellScript step, found ${steps.length}`);
  return `${steps[0].inputs.runCommand.join('\n')}\n`;
}
