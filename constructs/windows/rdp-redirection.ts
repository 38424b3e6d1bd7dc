import { RdpValidationError, showValue } from '../core';

/**
 * A kind of device redirection an RDP client may ask for. Every kind is turned off by default with its
 * Terminal Services policy DWORD (mostly a "Do not allow ..." value set to 1; smart cards use
 * `fEnableSmartCard` = 0); allowing one takes the `RDP-GUEST-REDIRECTION` acknowledgement, because each
 * is a path for data to leave or enter the host.
 */
export class RdpRedirection {
  /** Client drives (`fDisableCdm`, CIS 18.10.57.3.3.3). */
  public static readonly DRIVE = new RdpRedirection('drive', 'fDisableCdm', '18.10.57.3.3.3');
  /** Clipboard (`fDisableClip`; policy "Do not allow Clipboard redirection", not in the CIS L1 list). */
  public static readonly CLIPBOARD = new RdpRedirection('clipboard', 'fDisableClip', undefined);
  /** Client printers (`fDisableCpm`; policy "Do not allow client printer redirection", not in the CIS L1 list). */
  public static readonly PRINTER = new RdpRedirection('printer', 'fDisableCpm', undefined);
  /** COM ports (`fDisableCcm`, CIS 18.10.57.3.3.2). */
  public static readonly COM_PORT = new RdpRedirection('comPort', 'fDisableCcm', '18.10.57.3.3.2');
  /** LPT ports (`fDisableLPT`, CIS 18.10.57.3.3.5). */
  public static readonly LPT_PORT = new RdpRedirection('lptPort', 'fDisableLPT', '18.10.57.3.3.5');
  /**
   * Plug and Play devices, including opaque low-level (RemoteFX) USB redirection, which the session host
   * admits only when this policy allows it (`fDisablePNPRedir`, CIS 18.10.57.3.3.6).
   */
  public static readonly PNP_DEVICE = new RdpRedirection('pnpDevice', 'fDisablePNPRedir', '18.10.57.3.3.6');
  /** Location (`fDisableLocationRedir`, CIS 18.10.57.3.3.4). */
  public static readonly LOCATION = new RdpRedirection('location', 'fDisableLocationRedir', '18.10.57.3.3.4');
  /** WebAuthn (`fDisableWebAuthn`, CIS 18.10.57.3.3.7). */
  public static readonly WEBAUTHN = new RdpRedirection('webAuthn', 'fDisableWebAuthn', '18.10.57.3.3.7');
  /** Audio recording, the client's microphone (`fDisableAudioCapture`; policy "Allow audio recording redirection" disabled). */
  public static readonly AUDIO_CAPTURE = new RdpRedirection('audioCapture', 'fDisableAudioCapture', undefined);
  /** Cameras and other video capture devices (`fDisableCameraRedir`; policy "Do not allow video capture redirection"). */
  public static readonly CAMERA = new RdpRedirection('camera', 'fDisableCameraRedir', undefined);
  /**
   * Smart cards (`fEnableSmartCard`; policy "Do not allow smart card device redirection", which writes **0**
   * when enabled). Forbidding it also stops smart-card logon into the session.
   */
  public static readonly SMART_CARD = new RdpRedirection('smartCard', 'fEnableSmartCard', undefined, 0);

  /** Every kind, in the order the script writes them. */
  public static readonly ALL: readonly RdpRedirection[] = [
    RdpRedirection.DRIVE,
    RdpRedirection.CLIPBOARD,
    RdpRedirection.PRINTER,
    RdpRedirection.COM_PORT,
    RdpRedirection.LPT_PORT,
    RdpRedirection.PNP_DEVICE,
    RdpRedirection.LOCATION,
    RdpRedirection.WEBAUTHN,
    RdpRedirection.AUDIO_CAPTURE,
    RdpRedirection.CAMERA,
    RdpRedirection.SMART_CARD,
  ];

  /**
   * The kind named as in configuration files and the profile manifest (`"clipboard"`).
   * @param name the kind's name (errors name it `allowedRedirections`)
   */
  public static fromName(name: string): RdpRedirection {
    const found = RdpRedirection.ALL.find((r) => r.name === name);
    if (!found) {
      throw new RdpValidationError('allowedRedirections', name, `must name a redirection kind, got ${showValue(name)}. Allowed: ${RdpRedirection.ALL.map((r) => `"${r.name}"`).join(', ')}.`);
    }
    return found;
  }

  /** Short name, e.g. `clipboard`. */
  public readonly name: string;
  /** The Terminal Services policy value (`TSPOL`) that controls it, e.g. `fDisableClip`. */
  public readonly policyValueName: string;
  /** The CIS Windows Server 2022 v4.0.0 item, when the benchmark lists one. */
  public readonly cisItem: string | undefined;
  /** The DWORD that forbids it (1 for the `fDisable*` values, 0 for `fEnableSmartCard`). */
  public readonly forbiddenValue: 0 | 1;

  private constructor(name: string, policyValueName: string, cisItem: string | undefined, forbiddenValue: 0 | 1 = 1) {
    this.name = name;
    this.policyValueName = policyValueName;
    this.cisItem = cisItem;
    this.forbiddenValue = forbiddenValue;
  }

  /** The DWORD that allows it: the opposite of {@link RdpRedirection.forbiddenValue}. */
  public get allowedValue(): 0 | 1 {
    return this.forbiddenValue === 1 ? 0 : 1;
  }

  /** The name, e.g. `clipboard`. */
  public toString(): string {
    return this.name;
  }
}
