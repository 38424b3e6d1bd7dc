import { RdpValidationError, showValue } from '../core';

/**
 * The Windows Server release a hardening profile targets. It decides whether TLS 1.3 is configured:
 * SCHANNEL supports TLS 1.3 only on Windows Server 2022 and later, so its keys are never written on 2019.
 *
 * The rendered script also checks the host's build number, so a profile that targets 2022 fails
 * loudly on an older image instead of writing keys the OS does not understand.
 */
export class WindowsServerVersion {
  /** Windows Server 2019 (build 17763): TLS 1.2 only. */
  public static readonly SERVER_2019 = new WindowsServerVersion('2019', 17763);
  /** Windows Server 2022 (build 20348): TLS 1.2 and TLS 1.3. */
  public static readonly SERVER_2022 = new WindowsServerVersion('2022', 20348);
  /** Windows Server 2025 (build 26100): TLS 1.2 and TLS 1.3. */
  public static readonly SERVER_2025 = new WindowsServerVersion('2025', 26100);

  /** Every supported release, oldest first. */
  public static readonly ALL: readonly WindowsServerVersion[] = [
    WindowsServerVersion.SERVER_2019,
    WindowsServerVersion.SERVER_2022,
    WindowsServerVersion.SERVER_2025,
  ];

  /**
   * The release named by its year, as written in configuration files (`"2022"`).
   * @param name the release year
   * @param field the name reported in errors @default 'windowsVersion'
   */
  public static fromName(name: string, field = 'windowsVersion'): WindowsServerVersion {
    const found = WindowsServerVersion.ALL.find((v) => v.name === name);
    if (!found) {
      throw new RdpValidationError(field, name, `must name a supported Windows Server release, got ${showValue(name)}. Allowed: ${WindowsServerVersion.ALL.map((v) => `"${v.name}"`).join(', ')}.`);
    }
    return found;
  }

  /** The release year, e.g. `2022`. */
  public readonly name: string;
  /** The first OS build number of the release (`[Environment]::OSVersion.Version.Build`). */
  public readonly build: number;

  private constructor(name: string, build: number) {
    this.name = name;
    this.build = build;
  }

  /** True when SCHANNEL supports TLS 1.3 on this release (Windows Server 2022 and later). */
  public get supportsTls13(): boolean {
    return this.build >= WindowsServerVersion.SERVER_2022.build;
  }

  /** The release as text, e.g. `Windows Server 2022`. */
  public toString(): string {
    return `Windows Server ${this.name}`;
  }
}
