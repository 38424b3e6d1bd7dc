import { X509Certificate } from 'crypto';
import { Token } from 'cdktf';
import { validateNetworkResourceName } from './names';
import { RdpValidationError, showValue } from '../core';

/** A point-to-site tunnel protocol. SSTP (legacy, Windows-only, TCP 443) is deliberately not offered. */
export enum P2sProtocol {
  /** OpenVPN (TLS); the only protocol that works with Entra ID authentication. */
  OPEN_VPN = 'OpenVPN',
  /** IKEv2 (IPsec), the protocol of the built-in Windows and macOS clients; certificate authentication only. */
  IKE_V2 = 'IkeV2',
}

/**
 * Client ID of the Microsoft-registered "Azure VPN Client" app: the Entra ID audience of a point-to-site
 * gateway (Azure Public; the Microsoft-registered app is not available in Azure Government or China).
 * Source: https://learn.microsoft.com/en-us/azure/vpn-gateway/point-to-site-entra-gateway
 */
export const AZURE_VPN_CLIENT_APP_ID = 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A trusted root certificate for certificate authentication. */
export interface P2sRootCertificate {
  /** Name of the certificate on the gateway (1–80 letters, digits, `_`, `.`, `-`). */
  readonly name: string;
  /**
   * The certificate's public data: base64 of the DER encoding, on one line, without the
   * `-----BEGIN CERTIFICATE-----` / `-----END CERTIFICATE-----` lines (what
   * `openssl x509 -in root.pem -outform der | base64 -w0` prints).
   */
  readonly publicCertData: string;
}

/** What the gateway's `vpn_client_configuration` authentication fields are built from. */
export interface P2sAuthenticationConfig {
  /** `AAD` or `Certificate` (`vpn_auth_types`). */
  readonly authType: 'AAD' | 'Certificate';
  /** Entra ID tenant URL (`aad_tenant`). */
  readonly aadTenant?: string;
  /** Entra ID issuer URL (`aad_issuer`). */
  readonly aadIssuer?: string;
  /** Entra ID audience (`aad_audience`). */
  readonly aadAudience?: string;
  /** Trusted root certificates (`root_certificate`). */
  readonly rootCertificates: readonly P2sRootCertificate[];
  /** The protocols this authentication works with. */
  readonly protocols: readonly P2sProtocol[];
}

/** Options of {@link P2sAuthentication.entraId}. */
export interface P2sEntraIdOptions {
  /**
   * The audience: the client ID of the app users sign in to.
   * @default AZURE_VPN_CLIENT_APP_ID (the Microsoft-registered Azure VPN Client)
   */
  readonly audience?: string;
}

/**
 * How point-to-site users authenticate: with their Entra ID account (OpenVPN only; recommended: MFA and
 * Conditional Access apply, nothing to distribute) or with a client certificate issued by a trusted root.
 * Built with the static factories; validated when created.
 */
export class P2sAuthentication {
  /**
   * Entra ID (Microsoft Entra) sign-in with the Azure VPN Client. The URLs are built from the tenant ID
   * as Microsoft documents them (point-to-site-entra-gateway, DOMAIN.md §3.1): tenant
   * `https://login.microsoftonline.com/<tenantId>/` (no backslash at the end; "Forward slash is
   * permissible"), issuer `https://sts.windows.net/<tenantId>/` ("Include a trailing slash at the end of
   * the Issuer value. Otherwise, the connection might fail").
   * @param tenantId the directory (tenant) ID, a GUID (`az account show --query tenantId -o tsv`)
   * @param options the audience
   * @throws RdpValidationError naming `tenantId` or `audience`
   */
  public static entraId(tenantId: string, options: P2sEntraIdOptions = {}): P2sAuthentication {
    checkGuid(tenantId, 'tenantId', 'a directory (tenant) ID such as "3f2b7c9e-1d4a-4e8b-9c6f-0a1b2c3d4e5f" (az account show --query tenantId -o tsv)');
    const audience = options.audience ?? AZURE_VPN_CLIENT_APP_ID;
    checkGuid(audience, 'audience', `an application (client) ID; the Microsoft-registered Azure VPN Client is "${AZURE_VPN_CLIENT_APP_ID}"`);
    const tenant = tenantId.toLowerCase();
    return new P2sAuthentication({
      authType: 'AAD',
      aadTenant: `https://login.microsoftonline.com/${tenant}/`,
      aadIssuer: `https://sts.windows.net/${tenant}/`,
      aadAudience: audience.toLowerCase(),
      rootCertificates: [],
      protocols: [P2sProtocol.OPEN_VPN],
    });
  }

  /**
   * Client certificates issued by one trusted root.
   * @param name the root certificate's name on the gateway
   * @param publicCertData base64 DER of the root certificate, one line, no PEM header lines
   */
  public static certificate(name: string, publicCertData: string): P2sAuthentication {
    return P2sAuthentication.certificates([{ name, publicCertData }]);
  }

  /**
   * Client certificates issued by any of several trusted roots (e.g. the old and the new root while
   * rotating; Azure accepts up to 20).
   * @param roots the root certificates (errors name them `rootCertificates[i]`)
   */
  public static certificates(roots: readonly P2sRootCertificate[]): P2sAuthentication {
    const field = 'rootCertificates';
    if (!Array.isArray(roots) || roots.length === 0 || roots.length > 20) {
      throw new RdpValidationError(field, roots, `must list 1 to 20 root certificates, got ${Array.isArray(roots) ? roots.length : showValue(roots)}.`);
    }
    const names = new Set<string>();
    roots.forEach((root, index) => {
      validateNetworkResourceName(root.name, `${field}[${index}].name`);
      if (names.has(root.name.toLowerCase())) throw new RdpValidationError(`${field}[${index}].name`, root.name, `repeats the name of another root certificate, got ${showValue(root.name)}. Give each one its own name.`);
      names.add(root.name.toLowerCase());
      checkPublicCertData(root.publicCertData, `${field}[${index}].publicCertData`);
    });
    return new P2sAuthentication({ authType: 'Certificate', rootCertificates: roots.map((r) => ({ ...r })), protocols: [P2sProtocol.OPEN_VPN, P2sProtocol.IKE_V2] });
  }

  /** The resolved configuration. */
  public readonly config: P2sAuthenticationConfig;

  private constructor(config: P2sAuthenticationConfig) {
    this.config = config;
  }
}

function checkGuid(value: string, field: string, what: string): void {
  if (typeof value !== 'string' || !GUID.test(value) || /^[0-]+$/.test(value)) {
    throw new RdpValidationError(field, value, `must be ${what}, got ${showValue(value)}.`);
  }
}

/**
 * Checks a root certificate's public data: base64 of a DER X.509 certificate on one line, without PEM
 * header lines (azurerm: "without the -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- markers,
 * nor any newlines"). Unresolved tokens (e.g. a file read at plan time) are not checked.
 */
export function checkPublicCertData(value: string, field = 'publicCertData'): void {
  if (Token.isUnresolved(value)) return;
  const how = 'Allowed: the base64 DER certificate on one line, e.g. the output of `openssl x509 -in root.pem -outform der | base64 -w0`.';
  if (typeof value !== 'string' || value.length === 0) throw new RdpValidationError(field, value, `must be the root certificate's public data, got ${showValue(value)}. ${how}`);
  const preview = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  if (/-----(BEGIN|END)/.test(value)) {
    throw new RdpValidationError(field, preview, `must not contain PEM header lines ("-----BEGIN CERTIFICATE-----" / "-----END CERTIFICATE-----"), got ${showValue(preview)}. ${how}`);
  }
  if (/\s/.test(value)) throw new RdpValidationError(field, preview, `must be on one line, without newlines or spaces, got ${showValue(preview)}. ${how}`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) throw new RdpValidationError(field, preview, `is not base64, got ${showValue(preview)}. ${how}`);
  try {
    new X509Certificate(Buffer.from(value, 'base64'));
  } catch {
    throw new RdpValidationError(field, preview, `is base64, but not of a DER X.509 certificate, got ${showValue(preview)}. Give the root certificate's public part (never a private key). ${how}`);
  }
}

/**
 * Checks the point-to-site protocols against the authentication: a non-empty list of distinct
 * `OpenVPN` / `IkeV2`; never SSTP; OpenVPN alone with Entra ID.
 * @returns the protocols
 */
export function checkP2sProtocols(protocols: readonly string[], authentication: P2sAuthentication | undefined, field = 'p2sProtocols'): P2sProtocol[] {
  const known = Object.values(P2sProtocol) as string[];
  const allowed = `Allowed: ${authentication ? authentication.config.protocols.map((p) => `"${p}"`).join(' and/or ') : '"OpenVPN" and/or "IkeV2"'}.`;
  if (!Array.isArray(protocols) || protocols.length === 0) throw new RdpValidationError(field, protocols, `must list at least one protocol, got ${showValue(protocols)}. ${allowed}`);
  protocols.forEach((protocol, index) => {
    if (typeof protocol === 'string' && protocol.toUpperCase() === 'SSTP') {
      throw new RdpValidationError(`${field}[${index}]`, protocol, `must not be SSTP, a legacy Windows-only protocol over TCP 443, got ${showValue(protocol)}. ${allowed}`);
    }
    if (!known.includes(protocol)) throw new RdpValidationError(`${field}[${index}]`, protocol, `is not a point-to-site protocol, got ${showValue(protocol)}. ${allowed}`);
    if (protocols.indexOf(protocol) !== index) throw new RdpValidationError(`${field}[${index}]`, protocol, `repeats entry ${protocols.indexOf(protocol)}, got ${showValue(protocol)}. List each protocol once.`);
    if (authentication && !authentication.config.protocols.includes(protocol as P2sProtocol)) {
      throw new RdpValidationError(`${field}[${index}]`, protocol, `does not work with Entra ID authentication, which needs OpenVPN alone, got ${showValue(protocol)}. ${allowed} Use certificate authentication for IKEv2 clients.`);
    }
  });
  return protocols as P2sProtocol[];
}
