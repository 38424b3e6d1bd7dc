import { Acknowledge, allowlistProblems, CidrPeer, RdpAllowlist, RdpPort, RdpValidationError, RdpValidationErrors, showValue } from '../core';
import { HardeningSettings } from './hardening-settings';
import { buildHardeningManifest, HardeningManifest } from './hardening-manifest';
import { RdpHardeningProfileProps, RDP_HARDENING_DEFAULTS } from './rdp-hardening-profile-props';
import { findWeakenings } from './rdp-hardening-weakenings';
import { RdpRedirection } from './rdp-redirection';
import { RdpSecurityLayer } from './rdp-security-layer';
import { renderHardeningScript } from './render-hardening-script';
import { TlsVersion } from './tls-version';
import { WindowsServerVersion } from './windows-server-version';

const THUMBPRINT = /^[0-9A-F]{40}$/;

/**
 * The in-guest RDP hardening of one host, as a validated value: custom port, guest firewall restricted
 * to the allowlist, TLS-only security layer with NLA, SCHANNEL floor, account lockout, session limits,
 * device redirection and an optional listener certificate.
 *
 * Pure (no cloud imports): AWS and Azure constructs deliver {@link RdpHardeningProfile.script}, and the
 * network constructs read {@link RdpHardeningProfile.port} / {@link RdpHardeningProfile.allowlist} from the
 * same object, so the guest and the network rules admit the same sources on the same port.
 *
 * @example
 * const profile = new RdpHardeningProfile({ port: RdpPort.of(43389), allowlist: RdpAllowlist.fromCidrs(['203.0.113.0/24']) });
 * profile.script; // idempotent PowerShell, identical for identical input
 */
export class RdpHardeningProfile implements HardeningSettings {
  /** @inheritdoc */
  public readonly port: RdpPort;
  /** @inheritdoc */
  public readonly allowlist: readonly CidrPeer[];
  /** @inheritdoc */
  public readonly windowsVersion: WindowsServerVersion;
  /** @inheritdoc */
  public readonly udp: boolean;
  /** @inheritdoc */
  public readonly securityLayer: RdpSecurityLayer;
  /** @inheritdoc */
  public readonly requireNla: boolean;
  /** @inheritdoc */
  public readonly minimumTlsVersion: TlsVersion;
  /** @inheritdoc */
  public readonly lockoutThreshold: number;
  /** @inheritdoc */
  public readonly lockoutDurationMinutes: number;
  /** @inheritdoc */
  public readonly lockoutResetMinutes: number;
  /** @inheritdoc */
  public readonly idleSessionLimitMinutes: number;
  /** @inheritdoc */
  public readonly disconnectedSessionLimitMinutes: number;
  /** @inheritdoc */
  public readonly allowedRedirections: readonly RdpRedirection[];
  /** @inheritdoc */
  public readonly listenerCertificateThumbprint: string | undefined;
  /** @inheritdoc */
  public readonly rebootDelayMinutes: number;
  /** The acknowledged weakenings; delivery constructs record them on their resources for the plan review. */
  public readonly acknowledgements: readonly Acknowledge[];
  /** @inheritdoc */
  public readonly acknowledgedRiskIds: readonly string[];

  private renderedScript: string | undefined;
  private renderedFirstBootScript: string | undefined;
  private renderedDriftCorrectingScript: string | undefined;

  /**
   * Validates the props and applies the secure defaults.
   * @param props the profile's inputs
   * @param fieldPrefix prefix for field names in errors, e.g. `aws.hosts[0].hardening` @default - fields are named as in the props
   * @throws RdpValidationError (one problem) or RdpValidationErrors (several), naming each field
   */
  constructor(props: RdpHardeningProfileProps, fieldPrefix?: string) {
    const field = (name: string) => (fieldPrefix ? `${fieldPrefix}.${name}` : name);
    const problems: RdpValidationError[] = [];
    const d = RDP_HARDENING_DEFAULTS;

    if (!(props.port instanceof RdpPort)) {
      problems.push(new RdpValidationError(field('port'), props.port, `must be an RdpPort, got ${showValue(props.port)}. Create it with RdpPort.of(<number>) and pass the same object to the network rules.`));
    }
    this.port = props.port;
    this.allowlist = resolveAllowlist(props.allowlist, field('allowlist'), problems);
    this.windowsVersion = checkChoice(props.windowsVersion ?? d.windowsVersion, WindowsServerVersion.ALL, 'WindowsServerVersion', field('windowsVersion'), problems);
    this.udp = checkBoolean(props.udp ?? (props.port instanceof RdpPort && props.port.udp ? true : d.udp), field('udp'), problems);
    this.securityLayer = checkChoice(props.securityLayer ?? d.securityLayer, [RdpSecurityLayer.TLS, RdpSecurityLayer.NEGOTIATE], 'RdpSecurityLayer', field('securityLayer'), problems);
    this.requireNla = checkBoolean(props.requireNla ?? d.requireNla, field('requireNla'), problems);
    this.minimumTlsVersion = checkChoice(props.minimumTlsVersion ?? d.minimumTlsVersion, TlsVersion.ALL, 'TlsVersion', field('minimumTlsVersion'), problems);
    this.lockoutThreshold = checkInteger(props.lockoutThreshold ?? d.lockoutThreshold, 0, 999, field('lockoutThreshold'), 'failed logons', problems);
    this.lockoutDurationMinutes = checkInteger(props.lockoutDurationMinutes ?? d.lockoutDurationMinutes, 1, 99999, field('lockoutDurationMinutes'), 'minutes', problems);
    this.lockoutResetMinutes = checkInteger(props.lockoutResetMinutes ?? d.lockoutResetMinutes, 1, 99999, field('lockoutResetMinutes'), 'minutes', problems);
    this.idleSessionLimitMinutes = checkInteger(props.idleSessionLimitMinutes ?? d.idleSessionLimitMinutes, 0, 10080, field('idleSessionLimitMinutes'), 'minutes (0 = never)', problems);
    this.disconnectedSessionLimitMinutes = checkInteger(props.disconnectedSessionLimitMinutes ?? d.disconnectedSessionLimitMinutes, 0, 10080, field('disconnectedSessionLimitMinutes'), 'minutes (0 = never)', problems);
    this.rebootDelayMinutes = checkInteger(props.rebootDelayMinutes ?? d.rebootDelayMinutes, 1, 1440, field('rebootDelayMinutes'), 'minutes', problems);
    this.allowedRedirections = resolveRedirections(props.allowedRedirections ?? [], field('allowedRedirections'), problems);
    this.listenerCertificateThumbprint = resolveThumbprint(props.listenerCertificateThumbprint, field('listenerCertificateThumbprint'), problems);

    if (this.lockoutThreshold === 0) {
      for (const name of ['lockoutDurationMinutes', 'lockoutResetMinutes'] as const) {
        if (props[name] !== undefined) {
          problems.push(new RdpValidationError(field(name), props[name], `has no effect when \`${field('lockoutThreshold')}\` is 0 (lockout off), got ${showValue(props[name])}. Remove it, or set a threshold from 1 to 5.`));
        }
      }
    } else if (Number.isInteger(this.lockoutResetMinutes) && this.lockoutResetMinutes > this.lockoutDurationMinutes) {
      problems.push(new RdpValidationError(field('lockoutResetMinutes'), this.lockoutResetMinutes, `must not exceed \`${field('lockoutDurationMinutes')}\` (${this.lockoutDurationMinutes}), got ${this.lockoutResetMinutes}. Windows refuses a reset window longer than the lockout duration.`));
    }

    this.acknowledgements = problems.length === 0 ? checkAcknowledgements(this, props.acknowledgements ?? [], field, problems) : [];
    if (problems.length === 1) throw problems[0];
    if (problems.length > 1) throw new RdpValidationErrors(problems, 'Invalid RDP hardening profile');
    this.acknowledgedRiskIds = this.acknowledgements.map((a) => a.id).sort();
  }

  /** The machine-readable summary of this profile, as embedded in the script's manifest line. */
  public get manifest(): HardeningManifest {
    return buildHardeningManifest(this);
  }

  /** The PowerShell hardening script: idempotent, ASCII only, identical for identical input. */
  public get script(): string {
    this.renderedScript ??= renderHardeningScript(this);
    return this.renderedScript;
  }

  /**
   * {@link RdpHardeningProfile.script} plus the local drift-correction task: a SYSTEM scheduled task that
   * re-runs a protected copy of the script every 30 minutes and at start-up. For deliveries that run the
   * script only when it changes (the Azure run command); its manifest records `localDriftTask`.
   */
  public get driftCorrectingScript(): string {
    this.renderedDriftCorrectingScript ??= renderHardeningScript(this, { localDriftTask: true });
    return this.renderedDriftCorrectingScript;
  }

  /**
   * The first-boot subset of {@link RdpHardeningProfile.script} (port, TLS/NLA, guest firewall, SCHANNEL),
   * for user data that cannot hold the full script. Only safe together with a scheduled re-application
   * of the full script.
   */
  public get firstBootScript(): string {
    this.renderedFirstBootScript ??= renderHardeningScript(this, { firstBootOnly: true });
    return this.renderedFirstBootScript;
  }
}

function resolveAllowlist(given: RdpAllowlist | readonly CidrPeer[], field: string, problems: RdpValidationError[]): readonly CidrPeer[] {
  if (given instanceof RdpAllowlist) return given.peers;
  if (!Array.isArray(given)) {
    problems.push(new RdpValidationError(field, given, `must be an RdpAllowlist or a list of CidrPeer, got ${showValue(given)}. Create it with RdpAllowlist.fromCidrs([...]) and pass the same object to the network rules.`));
    return [];
  }
  const peers = given as readonly unknown[];
  const notPeers = peers.map((p, i) => ({ p, i })).filter(({ p }) => !(p instanceof CidrPeer));
  for (const { p, i } of notPeers) {
    problems.push(new RdpValidationError(`${field}[${i}]`, p, `must be a CidrPeer, got ${showValue(p)}. Create it with Peer.cidr('<cidr>').`));
  }
  if (notPeers.length > 0) return [];
  // The loopback sources of a host reached through a local agent (Peer.loopback()) are the whole allowlist.
  if (peers.length > 0 && (peers as CidrPeer[]).every((peer) => peer.isLoopback)) return peers as CidrPeer[];
  for (const p of allowlistProblems((peers as CidrPeer[]).map((peer) => peer.cidr))) {
    problems.push(new RdpValidationError(p.index === undefined ? field : `${field}[${p.index}]`, p.value, p.problem));
  }
  return peers as CidrPeer[];
}

function checkChoice<T>(value: T, allowed: readonly T[], typeName: string, field: string, problems: RdpValidationError[]): T {
  if (!allowed.includes(value)) {
    problems.push(new RdpValidationError(field, value, `must be one of the ${typeName} constants, got ${showValue(value)}. Allowed: ${allowed.map((a) => String(a)).join(', ')}.`));
  }
  return value;
}

function checkBoolean(value: boolean, field: string, problems: RdpValidationError[]): boolean {
  if (typeof value !== 'boolean') problems.push(new RdpValidationError(field, value, `must be true or false, got ${showValue(value)}.`));
  return value;
}

function checkInteger(value: number, min: number, max: number, field: string, unit: string, problems: RdpValidationError[]): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.push(new RdpValidationError(field, value, `must be an integer from ${min} to ${max} (${unit}), got ${showValue(value)}.`));
  }
  return value;
}

function resolveRedirections(given: readonly RdpRedirection[], field: string, problems: RdpValidationError[]): readonly RdpRedirection[] {
  if (!Array.isArray(given)) {
    problems.push(new RdpValidationError(field, given, `must be a list of RdpRedirection constants, got ${showValue(given)}.`));
    return [];
  }
  given.forEach((r, i) => {
    if (!(r instanceof RdpRedirection)) {
      problems.push(new RdpValidationError(`${field}[${i}]`, r, `must be an RdpRedirection constant, got ${showValue(r)}. Allowed: ${RdpRedirection.ALL.map((k) => `RdpRedirection.${k.name}`).join(', ')}.`));
    } else if (given.indexOf(r) !== i) {
      problems.push(new RdpValidationError(`${field}[${i}]`, r.name, `repeats "${r.name}", got ${showValue(r.name)}. List each redirection once.`));
    }
  });
  return RdpRedirection.ALL.filter((r) => given.includes(r));
}

function resolveThumbprint(given: string | undefined, field: string, problems: RdpValidationError[]): string | undefined {
  if (given === undefined) return undefined;
  const normalized = typeof given === 'string' ? given.toUpperCase() : '';
  if (!THUMBPRINT.test(normalized)) {
    const hint = typeof given === 'string' && /[\s:]/.test(given) ? ` Did you mean ${showValue(given.replace(/[\s:]/g, '').toUpperCase())}?` : '';
    problems.push(new RdpValidationError(field, given, `must be a SHA-1 certificate thumbprint of 40 hexadecimal digits, got ${showValue(given)}.${hint}`));
  }
  return normalized;
}

function checkAcknowledgements(profile: RdpHardeningProfile, given: readonly Acknowledge[], field: (name: string) => string, problems: RdpValidationError[]): Acknowledge[] {
  const ackField = field('acknowledgements');
  if (!Array.isArray(given)) {
    problems.push(new RdpValidationError(ackField, given, `must be a list of Acknowledge.risk(...) values, got ${showValue(given)}.`));
    return [];
  }
  const acks = given.filter((a, i) => {
    if (a instanceof Acknowledge) return true;
    problems.push(new RdpValidationError(`${ackField}[${i}]`, a, `must be created with Acknowledge.risk(id, reason), got ${showValue(a)}.`));
    return false;
  });
  const weakenings = findWeakenings(profile);
  for (const w of weakenings) {
    if (!acks.some((a) => a.id === w.riskId)) {
      problems.push(
        new RdpValidationError(
          field(w.field),
          w.value,
          `${w.effect}, weaker than the secure default, got ${showValue(w.value)}. ` +
            `To accept the risk add Acknowledge.risk('${w.riskId}', '<why it is acceptable here>') to \`${ackField}\`; otherwise remove the setting.`,
        ),
      );
    }
  }
  acks.forEach((a, i) => {
    if (!weakenings.some((w) => w.riskId === a.id)) {
      problems.push(new RdpValidationError(`${ackField}[${i}]`, a.id, `acknowledges a risk this profile does not take, got ${showValue(a.id)}. Remove it, so the plan review does not report an exception that does not exist. Needed here: ${[...new Set(weakenings.map((w) => w.riskId))].join(', ') || 'none'}.`));
    } else if (acks.findIndex((b) => b.id === a.id) !== i) {
      problems.push(new RdpValidationError(`${ackField}[${i}]`, a.id, `repeats ${showValue(a.id)}, got ${showValue(a.id)}. Give each acknowledgement once.`));
    }
  });
  return acks.filter((a, i) => acks.findIndex((b) => b.id === a.id) === i);
}
