/**
 * Finds the hardening scripts a plan delivers to a host (AWS user data, SSM documents run by an
 * association, Azure managed run commands and Custom Script extensions), evaluates each script's
 * body into the guest state it leaves behind (guest-state.ts), and reads the manifest line
 * (`# secure-rdp-hosts:profile {…}`) the renderer puts near the top. Rules judge the evaluated
 * state; the manifest is only a claim that RDP-GUEST-MANIFEST-MISMATCH compares with the body.
 */
import { HARDENING_MANIFEST_PREFIX } from '../../contract';
import { memo } from '../memo';
import { PolicyDocument } from '../document';
import { SynthResource } from '../resource';
import { block, blocks, isRecord, isUnresolved, list } from '../values';
import { guestStateOf, GuestState } from './guest-state';
import { embeddedScriptText, scriptText } from './script-text';

/** The line prefix of the machine-readable manifest (the plan-annotation contract's). */
export const PROFILE_PREFIX = HARDENING_MANIFEST_PREFIX;

/** A hardening script delivered to a host: one with a manifest line, or one that changes RDP settings. */
export interface DeliveredProfile {
  /** The manifest object (what the script claims); empty when the script has no manifest line. */
  readonly manifest: Readonly<Record<string, unknown>>;
  /** True when the script has a manifest line. */
  readonly hasManifest: boolean;
  /** What the script body does, evaluated statement by statement. */
  readonly guest: GuestState;
  /** The resource that carries the script (the host, an SSM document, a run command). */
  readonly carrier: SynthResource;
  /** How the script reaches the host, e.g. `user_data`, `aws_ssm_association.harden`. */
  readonly via: string;
  /** The port the evaluated body leaves in `PortNumber` (empty when unset or unknown). */
  readonly portNumbersInScript: readonly number[];
}

/** A script delivered to a host whose text cannot be read (a `file()` call, a variable, a URI). */
export interface UnreadableScript {
  /** The resource that carries it. */
  readonly carrier: SynthResource;
  /** How it reaches the host. */
  readonly via: string;
}

/** What the document says about a host's in-guest hardening. */
export interface GuestHardening {
  /** Profiles found. */
  readonly profiles: readonly DeliveredProfile[];
  /** Scripts that could not be read. */
  readonly unreadable: readonly UnreadableScript[];
  /** Manifest lines that are not valid JSON. */
  readonly malformed: readonly string[];
}

/** Parses the manifest line out of script text. */
export function parseProfile(text: string): { manifest?: Record<string, unknown>; malformed?: string } {
  const line = text.split(/\r?\n/).find((l) => l.trimStart().startsWith(PROFILE_PREFIX.trim()));
  if (!line) return {};
  const json = line.trimStart().slice(PROFILE_PREFIX.trim().length).trim();
  try {
    const parsed: unknown = JSON.parse(json);
    return isRecord(parsed) ? { manifest: parsed } : { malformed: json };
  } catch {
    return { malformed: json };
  }
}

/** The PowerShell inside EC2 user data's `<powershell>…</powershell>` (and `<persist>`) wrapper, or the text itself. */
export function stripWrapper(text: string): string {
  const blocks = [...text.matchAll(/<powershell>([\s\S]*?)<\/powershell>/gi)].map((m) => m[1]);
  return blocks.length > 0 ? blocks.join('\n') : text;
}

/** A script-carrying attribute: how to read the text out of it. */
interface ScriptCarrier {
  readonly via: string;
  readonly read: (body: Readonly<Record<string, unknown>>) => unknown;
  readonly decode: (v: unknown) => string | undefined;
}

/** The script-carrying attributes of a resource type (built per call, not at module load: no static mutants). */
function scriptCarriers(type: string): readonly ScriptCarrier[] {
  const carriers: Readonly<Record<string, readonly ScriptCarrier[]>> = {
    aws_instance: [
      { via: 'user_data', read: (b) => b.user_data, decode: (v) => scriptText(v) },
      { via: 'user_data_base64', read: (b) => b.user_data_base64, decode: (v) => scriptText(v, true) },
    ],
    aws_launch_template: [{ via: 'user_data', read: (b) => b.user_data, decode: (v) => scriptText(v, true) }],
    aws_ssm_document: [{ via: 'content', read: (b) => (carriesNoScript(b) ? undefined : b.content), decode: embeddedScriptText }],
    azurerm_virtual_machine_run_command: [
      { via: 'source.script', read: (b) => block(b.source, 'source')?.script, decode: (v) => scriptText(v) },
      { via: 'source.script_uri', read: (b) => block(b.source, 'source')?.script_uri, decode: () => undefined },
    ],
    aws_ssm_association: [{ via: 'parameters.commands', read: (b) => (isRunPowerShellScript(b.name) && isRecord(b.parameters) ? b.parameters.commands : undefined), decode: commandsText }],
    azurerm_virtual_machine_extension: [
      { via: 'settings', read: (b) => (/CustomScript/i.test(String(b.type ?? '')) ? b.settings : undefined), decode: embeddedScriptText },
      { via: 'protected_settings', read: (b) => (/CustomScript/i.test(String(b.type ?? '')) ? b.protected_settings : undefined), decode: embeddedScriptText },
    ],
  };
  return carriers[type] ?? [];
}

/**
 * The hardening profiles a resource itself carries (in its user data, document content, run
 * command script or extension settings). Guest-setting rules judge these, on the resource where
 * the constructs record acknowledgements of weaker settings.
 */
export function profilesCarriedBy(resource: SynthResource): GuestHardening {
  return memo(resource, 'profiles', () => readProfilesCarriedBy(resource));
}

function readProfilesCarriedBy(resource: SynthResource): GuestHardening {
  const profiles: DeliveredProfile[] = [];
  const unreadable: UnreadableScript[] = [];
  const malformed: string[] = [];
  for (const carrier of scriptCarriers(resource.type)) {
    const raw = carrier.read(resource.body);
    if (raw === undefined || raw === null || raw === '') continue;
    const text = carrier.decode(raw);
    if (text === undefined) {
      unreadable.push({ carrier: resource, via: carrier.via });
      continue;
    }
    const parsed = parseProfile(text);
    if (parsed.malformed) malformed.push(`${resource.address} ${carrier.via}: ${parsed.malformed}`);
    const guest = guestStateOf(stripWrapper(text));
    if (!parsed.manifest && !parsed.malformed && !guest.touchesRdp) continue;
    const port = guest.port.state === 'set' ? [guest.port.value] : [];
    profiles.push({ manifest: parsed.manifest ?? {}, hasManifest: parsed.manifest !== undefined, guest, carrier: resource, via: carrier.via, portNumbersInScript: port });
  }
  return { profiles, unreadable, malformed };
}

/**
 * True for a Session Manager document that runs nothing on the host: a `Port` session (port forwarding,
 * e.g. to the RDP port) or the `Standard_Stream` preferences document. Interactive and non-interactive
 * command sessions run commands, so they stay carriers; so does any content this cannot read.
 */
function carriesNoScript(body: Readonly<Record<string, unknown>>): boolean {
  if (String(body.document_type ?? '') !== 'Session' || typeof body.content !== 'string') return false;
  try {
    const content: unknown = JSON.parse(body.content);
    return isRecord(content) && (content.sessionType === 'Port' || content.sessionType === 'Standard_Stream');
  } catch {
    return false;
  }
}

/** True for the AWS-managed `AWS-RunPowerShellScript` document, whose script is the association's `commands` parameter. */
function isRunPowerShellScript(name: unknown): boolean {
  return typeof name === 'string' && /^(arn:aws:ssm:[^:]*:[^:]*:document\/)?AWS-RunPowerShellScript$/i.test(name);
}

/** The `commands` parameter of an association: a string, or a list of lines. */
function commandsText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const lines = value.map((v) => scriptText(v));
    return lines.some((l) => l === undefined) ? undefined : lines.join('\n');
  }
  return scriptText(value);
}

/**
 * The SSM document an association runs: a reference (`${aws_ssm_document.x.name}`, as in cdk.tf.json),
 * or, in plan JSON where the reference is already known, the one document of the stack with that name.
 */
function documentNamed(name: unknown, association: SynthResource, doc: PolicyDocument): SynthResource | undefined {
  const resolved = doc.resolve(name, association);
  if (resolved) return resolved;
  if (typeof name !== 'string') return undefined;
  const named = doc.ofType('aws_ssm_document').filter((d) => d.body.name === name);
  return named.length === 1 ? named[0] : undefined;
}

/** Every script the document delivers to `host` (its own user data, SSM associations, run commands, extensions), read for a manifest. */
export function guestHardeningOf(host: SynthResource, doc: PolicyDocument): GuestHardening {
  return memo(host, 'guest-hardening', () => findGuestHardening(host, doc));
}

function findGuestHardening(host: SynthResource, doc: PolicyDocument): GuestHardening {
  const carriers: SynthResource[] = [host];
  const unreadable: UnreadableScript[] = [];
  if (host.type === 'aws_instance') {
    const template = block(host.body.launch_template, 'launch_template');
    if (template && host.body.user_data === undefined && host.body.user_data_base64 === undefined) {
      const resolved = doc.resolve(template.id ?? template.name, host);
      if (resolved?.type === 'aws_launch_template') carriers.push(resolved);
      else if (template.id !== undefined || template.name !== undefined) unreadable.push({ carrier: host, via: 'launch_template (template outside this stack)' });
    }
    const running = associationsOf(host, doc);
    for (const association of running) {
      if (isRunPowerShellScript(association.body.name)) {
        carriers.push(association);
        continue;
      }
      const document = documentNamed(association.body.name, association, doc);
      if (document?.type === 'aws_ssm_document') carriers.push(document);
      else unreadable.push({ carrier: association, via: `${association.address} (document outside this stack)` });
    }
    unreadable.push(...untargeted(associationsOfUnknownTargets(doc).filter((a) => !running.includes(a)), doc));
  }
  if (host.type === 'azurerm_windows_virtual_machine') {
    for (const type of ['azurerm_virtual_machine_run_command', 'azurerm_virtual_machine_extension']) {
      carriers.push(...doc.referrers(host, type, 'virtual_machine_id'));
      unreadable.push(...untargeted(doc.ofType(type).filter((r) => isUnresolved(r.body.virtual_machine_id) && !doc.resolve(r.body.virtual_machine_id, r)), doc));
    }
  }
  const found = carriers.map(profilesCarriedBy);
  const via = (carrier: SynthResource, attribute: string): string => (carrier === host ? attribute : `${carrier.address} ${attribute}`);
  return {
    profiles: found.flatMap((f) => f.profiles.map((p) => ({ ...p, via: via(p.carrier, p.via) }))),
    unreadable: [...unreadable, ...found.flatMap((f) => f.unreadable.map((u) => ({ ...u, via: via(u.carrier, u.via) })))],
    malformed: found.flatMap((f) => f.malformed),
  };
}

/**
 * The unreadable scripts of carriers whose target hosts cannot be read (a variable): they may run on any host of the
 * cloud, so what they leave there cannot be told. (Their readable scripts are not counted as delivered, since they
 * may not run; the guest-setting rules judge those on the carrier itself.)
 */
function untargeted(carriers: readonly SynthResource[], doc: PolicyDocument): UnreadableScript[] {
  return carriers.flatMap((carrier) => {
    const ownScript = carrier.type !== 'aws_ssm_association' || isRunPowerShellScript(carrier.body.name);
    const runs = ownScript ? carrier : documentNamed(carrier.body.name, carrier, doc);
    if (!runs || (!ownScript && runs.type !== 'aws_ssm_document')) return [{ carrier, via: `${carrier.address} (targets cannot be read; document outside this stack)` }];
    return profilesCarriedBy(runs).unreadable.map((u) => ({ carrier: u.carrier, via: `${u.carrier.address} ${u.via} (targets cannot be read)` }));
  });
}

/**
 * The SSM associations that run `carrier` on `host`: those that run the SSM document `carrier`, or `carrier`
 * itself when it is an `AWS-RunPowerShellScript` association (its script is its own `commands` parameter).
 */
export function associationsRunning(host: SynthResource, carrier: SynthResource, doc: PolicyDocument): SynthResource[] {
  return associationsOf(host, doc).filter((a) => (isRunPowerShellScript(a.body.name) ? a : documentNamed(a.body.name, a, doc))?.address === carrier.address);
}

/**
 * The SSM associations that run on `host`: those that name it (`instance_id`, `InstanceIds` targets; indexed once per
 * document) and those whose `tag:` targets match its tags.
 */
function associationsOf(host: SynthResource, doc: PolicyDocument): SynthResource[] {
  const named = associationTargetIndex(doc);
  return doc.ofType('aws_ssm_association').filter((a) => named.get(a)!.has(host.address) || tagTargets(a, host));
}

/** The SSM associations that name an instance the document cannot tell (`instance_id` or `InstanceIds` from a variable). */
function associationsOfUnknownTargets(doc: PolicyDocument): SynthResource[] {
  const named = associationTargetIndex(doc);
  return doc.ofType('aws_ssm_association').filter((a) => named.get(a)!.has(undefined));
}

/** Per SSM association, the addresses of the instances it names (`undefined` for a value that is not a reference into the document but is not a literal either). */
function associationTargetIndex(doc: PolicyDocument): Map<SynthResource, Set<string | undefined>> {
  return memo(doc, 'ssm-associations', () => {
    const index = new Map<SynthResource, Set<string | undefined>>();
    for (const association of doc.ofType('aws_ssm_association')) {
      const ids = [association.body.instance_id, ...blocks(association.body.targets, 'targets').filter((t) => t.key === 'InstanceIds').flatMap((t) => list(t.values, 'targets.values'))];
      // A literal (an instance outside the stack) names no instance here; a reference resolves or is unknown.
      index.set(association, new Set(ids.filter((v) => isUnresolved(v)).map((v) => doc.resolve(v, association)?.address)));
    }
    return index;
  });
}

/** True when a `tag:` target of an SSM association lists the value `host` has for that tag (a value known only after apply matches nothing). */
function tagTargets(association: SynthResource, host: SynthResource): boolean {
  const tags = isRecord(host.body.tags) ? host.body.tags : {};
  return blocks(association.body.targets, 'targets').some((target) => {
    const key = String(target.key);
    const tagValue = key.startsWith('tag:') ? tags[key.slice(4)] : undefined;
    return typeof tagValue === 'string' && !isUnresolved(tagValue) && list(target.values, 'targets.values').includes(tagValue);
  });
}

/** Reads a manifest setting written flat (`lockoutThreshold`) or nested (`lockout.threshold`). */
export function manifestValue(manifest: Readonly<Record<string, unknown>>, ...paths: string[]): unknown {
  for (const path of paths) {
    let current: unknown = manifest;
    for (const part of path.split('.')) current = isRecord(current) ? current[part] : undefined;
    if (current !== undefined) return current;
  }
  return undefined;
}
