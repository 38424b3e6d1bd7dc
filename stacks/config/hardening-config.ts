import { z } from 'zod';
import { acknowledgementField, toAcknowledge } from './fields';
import { RdpHostHardeningOptions, RdpRedirection, RdpSecurityLayer, TlsVersion, WindowsServerVersion } from '../../constructs/windows';

/** The Windows Server release of a host's image (decides TLS 1.3). */
export const windowsVersionField = z
  .enum(WindowsServerVersion.ALL.map((v) => v.name) as [string, ...string[]])
  .meta({ description: 'Windows Server release of the image: "2019", "2022" (default) or "2025". TLS 1.3 is configured on 2022 and later.' });

/** In-guest RDP hardening options of one host (both clouds). Weaker values need a matching acknowledgement. */
export const hardeningField = z
  .object({
    minimumTlsVersion: z.enum(TlsVersion.ALL.map((v) => v.version) as [string, ...string[]]).optional().meta({ description: 'Oldest TLS version SCHANNEL accepts. Default "1.2"; older needs acknowledgement RDP-GUEST-TLS-LEGACY.' }),
    requireNla: z.boolean().optional().meta({ description: 'Require Network Level Authentication. Default true; false needs RDP-GUEST-NLA-OFF.' }),
    securityLayer: z.enum([RdpSecurityLayer.TLS.name, RdpSecurityLayer.NEGOTIATE.name]).optional().meta({ description: 'RDP security layer. Default "tls"; "negotiate" needs RDP-GUEST-SECURITY-LAYER.' }),
    lockoutThreshold: z.number().int().optional().meta({ description: 'Failed logons before lockout (1–5). Default 5.' }),
    lockoutDurationMinutes: z.number().int().optional().meta({ description: 'Lockout duration in minutes (≥ 15). Default 15.' }),
    lockoutResetMinutes: z.number().int().optional().meta({ description: 'Failed-logon counter reset in minutes (≥ 15, ≤ duration). Default 15.' }),
    idleSessionLimitMinutes: z.number().int().optional().meta({ description: 'Idle session limit in minutes (1–15). Default 15.' }),
    disconnectedSessionLimitMinutes: z.number().int().optional().meta({ description: 'Disconnected session limit in minutes. Default 1.' }),
    allowedRedirections: z.array(z.enum(RdpRedirection.ALL.map((r) => r.name) as [string, ...string[]])).optional().meta({ description: 'Device redirections to allow (default none); any needs RDP-GUEST-REDIRECTION.' }),
    listenerCertificateThumbprint: z.string().optional().meta({ description: 'SHA-1 thumbprint of a certificate in LocalMachine\\My to bind to the RDP listener.' }),
    acknowledgements: z.array(acknowledgementField).optional().meta({ description: 'One { id, reason } per weakened setting (RDP-GUEST-*).' }),
  })
  .strict()
  .meta({ description: 'In-guest RDP hardening options. The port, the guest firewall sources and UDP come from the host itself.' });

/** The validated hardening section. */
export type HardeningConfig = z.infer<typeof hardeningField>;

/** Converts the hardening section into the library's options (`field` is the section's path). */
export function toHardeningOptions(config: HardeningConfig | undefined, field: string): RdpHostHardeningOptions {
  if (!config) return {};
  return {
    minimumTlsVersion: config.minimumTlsVersion === undefined ? undefined : TlsVersion.ALL.find((v) => v.version === config.minimumTlsVersion),
    requireNla: config.requireNla,
    securityLayer: config.securityLayer === undefined ? undefined : [RdpSecurityLayer.TLS, RdpSecurityLayer.NEGOTIATE].find((l) => l.name === config.securityLayer),
    lockoutThreshold: config.lockoutThreshold,
    lockoutDurationMinutes: config.lockoutDurationMinutes,
    lockoutResetMinutes: config.lockoutResetMinutes,
    idleSessionLimitMinutes: config.idleSessionLimitMinutes,
    disconnectedSessionLimitMinutes: config.disconnectedSessionLimitMinutes,
    allowedRedirections: config.allowedRedirections?.map((name) => RdpRedirection.fromName(name)),
    listenerCertificateThumbprint: config.listenerCertificateThumbprint,
    acknowledgements: config.acknowledgements?.map((a, i) => toAcknowledge(a, `${field}.acknowledgements[${i}]`)!),
  };
}
