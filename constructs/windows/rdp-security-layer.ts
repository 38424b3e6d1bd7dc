/**
 * The RDP security layer (`SecurityLayer`): how the server authenticates itself and encrypts the session.
 * TLS is the secure default ("If TLS is not supported, the connection fails"); Negotiate lets a client
 * fall back to native RDP encryption and needs the `RDP-GUEST-SECURITY-LAYER` acknowledgement.
 * Native RDP security (0) is not offered: it cannot carry Network Level Authentication.
 */
export class RdpSecurityLayer {
  /** SSL/TLS only (`SecurityLayer` = 2). */
  public static readonly TLS = new RdpSecurityLayer('tls', 2);
  /** Negotiate between TLS and native RDP encryption (`SecurityLayer` = 1). */
  public static readonly NEGOTIATE = new RdpSecurityLayer('negotiate', 1);

  /** Short name, as written in the profile manifest (`tls`, `negotiate`). */
  public readonly name: string;
  /** The `SecurityLayer` registry value. */
  public readonly registryValue: number;

  private constructor(name: string, registryValue: number) {
    this.name = name;
    this.registryValue = registryValue;
  }

  /** The name, e.g. `tls`. */
  public toString(): string {
    return this.name;
  }
}
