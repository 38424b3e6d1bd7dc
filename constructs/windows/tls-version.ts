/**
 * The oldest TLS version the host's SCHANNEL accepts. TLS 1.2 is the secure default; 1.0 and 1.1 are
 * deprecated and only reachable with the `RDP-GUEST-TLS-LEGACY` acknowledgement. SSL 2.0 and SSL 3.0
 * are always disabled; TLS 1.3 is added on Windows Server 2022 and later.
 */
export class TlsVersion {
  /** TLS 1.0 (deprecated, RFC 8996). */
  public static readonly TLS_1_0 = new TlsVersion('1.0');
  /** TLS 1.1 (deprecated, RFC 8996). */
  public static readonly TLS_1_1 = new TlsVersion('1.1');
  /** TLS 1.2: the secure default floor. */
  public static readonly TLS_1_2 = new TlsVersion('1.2');

  /** The versions that may be a floor, oldest first. */
  public static readonly ALL: readonly TlsVersion[] = [TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2];

  /** The version number, e.g. `1.2`. */
  public readonly version: string;

  private constructor(version: string) {
    this.version = version;
  }

  /** The SCHANNEL protocol subkey name, e.g. `TLS 1.2`. */
  public get schannelName(): string {
    return `TLS ${this.version}`;
  }

  /** True when this floor is older than TLS 1.2, i.e. a weakening. */
  public get isLegacy(): boolean {
    return this !== TlsVersion.TLS_1_2;
  }

  /** The version as text, e.g. `TLS 1.2`. */
  public toString(): string {
    return this.schannelName;
  }
}
