import { RdpValidationError, showValue } from '../core';

const SAML_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/;
const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f-]{36}$/;

/** Checks an ACM certificate ARN; throws an error naming `field`. */
export function checkAcmCertificateArn(value: string, field: string): string {
  if (typeof value !== 'string' || !ACM_CERTIFICATE_ARN.test(value)) {
    throw new RdpValidationError(field, value, `must be an ACM certificate ARN such as "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", got ${showValue(value)}.`);
  }
  return value;
}

/** What the endpoint's `authentication_options` and authorization rules are built from. */
export interface ClientVpnAuthenticationConfig {
  /** `certificate-authentication` or `federated-authentication`. */
  readonly type: 'certificate-authentication' | 'federated-authentication';
  /** ACM ARN of the client root CA chain (mutual TLS). */
  readonly rootCertificateChainArn?: string;
  /** IAM SAML provider ARN (federated). */
  readonly samlProviderArn?: string;
  /** IAM SAML provider ARN for the self-service portal (federated). */
  readonly selfServiceSamlProviderArn?: string;
  /** Identity-provider groups allowed to reach the hosts; empty means all authenticated clients (mutual TLS only). */
  readonly accessGroupIds: readonly string[];
}

/** Properties of {@link ClientVpnAuthentication.saml}. */
export interface SamlAuthenticationProps {
  /** IAM SAML identity provider ARN. */
  readonly samlProviderArn: string;
  /** Identity-provider group IDs whose members may reach the hosts (one authorization rule each). */
  readonly accessGroupIds: readonly string[];
  /**
   * IAM SAML provider ARN for the self-service portal (client profile download).
   * @default - the portal is disabled
   */
  readonly selfServiceSamlProviderArn?: string;
}

/**
 * How Client VPN users authenticate: mutual TLS with a client CA held in ACM, or SAML federation with
 * per-group authorization. Built with the static factories; validated when created.
 */
export class ClientVpnAuthentication {
  /**
   * Mutual TLS: clients present a certificate issued by this CA. Every authenticated client is
   * authorized (certificate authentication has no groups), but only to the host subnet.
   * @param clientRootCertificateChainArn ACM ARN of the client root CA chain
   */
  public static mutualTls(clientRootCertificateChainArn: string): ClientVpnAuthentication {
    checkAcmCertificateArn(clientRootCertificateChainArn, 'clientRootCertificateChainArn');
    return new ClientVpnAuthentication({ type: 'certificate-authentication', rootCertificateChainArn: clientRootCertificateChainArn, accessGroupIds: [] });
  }

  /**
   * SAML 2.0 federation (e.g. Entra ID, Okta): one authorization rule per access group.
   */
  public static saml(props: SamlAuthenticationProps): ClientVpnAuthentication {
    for (const [field, arn] of [['samlProviderArn', props.samlProviderArn], ['selfServiceSamlProviderArn', props.selfServiceSamlProviderArn]] as const) {
      if (arn !== undefined && !SAML_PROVIDER_ARN.test(arn)) {
        throw new RdpValidationError(field, arn, `must be an IAM SAML provider ARN such as "arn:aws:iam::123456789012:saml-provider/corp-idp", got ${showValue(arn)}.`);
      }
    }
    if (!Array.isArray(props.accessGroupIds) || props.accessGroupIds.length === 0 || props.accessGroupIds.some((g) => typeof g !== 'string' || g.trim() === '')) {
      throw new RdpValidationError('accessGroupIds', props.accessGroupIds, 'must list at least one identity-provider group ID: with SAML, access is granted per group, never to every user.');
    }
    return new ClientVpnAuthentication({ type: 'federated-authentication', samlProviderArn: props.samlProviderArn, selfServiceSamlProviderArn: props.selfServiceSamlProviderArn, accessGroupIds: [...new Set(props.accessGroupIds)] });
  }

  /** The resolved configuration. */
  public readonly config: ClientVpnAuthenticationConfig;

  private constructor(config: ClientVpnAuthenticationConfig) {
    this.config = config;
  }
}
