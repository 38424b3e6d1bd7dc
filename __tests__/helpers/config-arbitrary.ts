/**
 * fast-check arbitraries of whole configuration files (`RDP_HOSTS_CONFIG`), for property-based tests.
 *
 * - {@link validConfigArbitrary}: configurations the validator accepts, on AWS, Azure or both, with or
 *   without environments: hosts of mixed access modes (VPN-only, allowlist with private and/or
 *   acknowledged public sources), host groups whose members agree, VPNs (AWS Client VPN with mutual TLS
 *   or SAML, AWS site-to-site, Azure gateway with point-to-site and/or site-to-site), allowlists of
 *   distinct IPv4 CIDRs, ports, UDP, acknowledged guest weakenings, and tag text with Terraform
 *   template syntax in it.
 * - {@link nearlyValidConfigArbitrary}: the same with one setting replaced by a random value that may or
 *   may not be acceptable (ports, CIDR prefixes, hardening numbers, …), for "accepts ⇒ …" properties.
 *
 * Ranges used (never overlapping): AWS VPC 10.42.0.0/16 (hosts 10.42.1.0/24), Client VPN pool
 * 10.250.0.0/22; Azure address space 10.52.0.0/16 (group subnets 10.52.<n>.0/24, GatewaySubnet
 * 10.52.255.224/27), point-to-site pool 10.251.0.0/24; on-premises 192.168.0.0/16; private allowlist
 * sources from 172.16.0.0/12; public sources from the documentation ranges 198.51.100.0/24 and
 * 203.0.113.0/24 (the networks are IPv4-only: IPv6 sources are refused).
 */
import fc from 'fast-check';
import { RdpHostsConfig } from '../../stacks/config/schema';

/** Ports the validator accepts (1024–65535, not 3389 or another Windows service's port). */
const PORTS = [43389, 43390, 44123, 50000, 3390, 8443, 60001, 1024, 65535];
const REASON = 'Reviewed exception for a legacy client, tracked in the risk register';
/** Tag text, including Terraform template syntax that must stay literal. */
const TAG_TEXT = ['platform', 'prod', '${file("secrets.txt")}', '%{ if true }x%{ endif }', '$${already}', 'a b', 'ünïcödé'];

/** A distinct source per draw: private (172.16–31.x) or public IPv4 (documentation ranges). */
const privateSource = fc.tuple(fc.integer({ min: 16, max: 31 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom(16, 20, 24, 28, 32)).map(([b, c, prefix]) => {
  if (prefix === 16) return `172.${b}.0.0/16`;
  if (prefix === 20) return `172.${b}.${c & 0xf0}.0/20`;
  if (prefix === 24) return `172.${b}.${c}.0/24`;
  return `172.${b}.${c}.${prefix === 28 ? 16 : 7}/${prefix}`;
});
const publicIpv4Source = fc.tuple(fc.constantFrom('198.51.100', '203.0.113'), fc.integer({ min: 0, max: 3 }), fc.constantFrom(26, 32)).map(([net, q, prefix]) => (prefix === 26 ? `${net}.${q * 64}/26` : `${net}.${q * 64 + 5}/32`));

/** A group's shared settings: how RDP reaches it and how the guest is hardened. */
interface GroupSettings {
  readonly access: 'vpn-only' | 'allowlist';
  readonly allowlist?: string[];
  readonly internetExposure?: { id: string; reason: string };
  readonly rdpPort?: number;
  readonly udp?: boolean;
  readonly hardening?: Record<string, unknown>;
}

const hardening = fc.option(
  fc.oneof(
    fc.constant({ requireNla: false, acknowledgements: [{ id: 'RDP-GUEST-NLA-OFF', reason: REASON }] }),
    fc.constant({ minimumTlsVersion: '1.2' }),
    fc.integer({ min: 1, max: 5 }).map((lockoutThreshold) => ({ lockoutThreshold })),
    fc.integer({ min: 1, max: 15 }).map((idleSessionLimitMinutes) => ({ idleSessionLimitMinutes })),
  ),
  { nil: undefined },
);

/**
 * Group settings that are valid where `hasVpn` says whether the section has a VPN. VPN-only hosts take
 * private sources only; allowlist hosts with a public source carry the internet-exposure acknowledgement.
 */
function groupSettings(hasVpn: boolean): fc.Arbitrary<GroupSettings> {
  const publicSource = publicIpv4Source;
  const vpnOnly = fc
    .record({ sources: hasVpn ? fc.uniqueArray(privateSource, { maxLength: 3 }) : fc.uniqueArray(privateSource, { minLength: 1, maxLength: 3 }), rdpPort: fc.option(fc.constantFrom(...PORTS), { nil: undefined }), udp: fc.boolean(), hardening })
    .map(({ sources, ...rest }): GroupSettings => ({ access: 'vpn-only', ...(sources.length > 0 ? { allowlist: sources } : {}), ...rest }));
  const allowlist = fc
    .record({ privates: fc.uniqueArray(privateSource, { maxLength: 2 }), publics: fc.uniqueArray(publicSource, { maxLength: 3 }), rdpPort: fc.option(fc.constantFrom(...PORTS), { nil: undefined }), udp: fc.boolean(), hardening })
    .filter(({ privates, publics }) => privates.length + publics.length > 0)
    .map(({ privates, publics, ...rest }): GroupSettings => ({
      access: 'allowlist',
      allowlist: [...publics, ...privates],
      ...(publics.length > 0 ? { internetExposure: { id: 'RDP-NET-PUBLIC-IP', reason: REASON } } : {}),
      ...rest,
    }));
  return fc.oneof(vpnOnly, allowlist);
}

/** 1–4 hosts spread over 1–3 groups: `[groupIndex per host]` and the groups' settings. */
function hostsAndGroups(hasVpn: boolean): fc.Arbitrary<{ groups: GroupSettings[]; members: number[]; named: boolean[] }> {
  return fc.integer({ min: 1, max: 3 }).chain((groupCount) =>
    fc.record({
      groups: fc.array(groupSettings(hasVpn), { minLength: groupCount, maxLength: groupCount }),
      members: fc.array(fc.integer({ min: 0, max: groupCount - 1 }), { minLength: 1, maxLength: 4 }),
      named: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    }),
  );
}

/** Group settings without undefined values (so group members compare equal). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const tags = fc.option(fc.dictionary(fc.constantFrom('team', 'cost-center', 'note', 'owner'), fc.constantFrom(...TAG_TEXT), { maxKeys: 3 }), { nil: undefined });

/** An `aws` section that validates. */
export const awsSectionArbitrary = fc
  .record({ clientVpn: fc.constantFrom('none', 'mutual-tls', 'saml'), siteToSite: fc.boolean(), tags })
  .chain(({ clientVpn, siteToSite, tags: t }) =>
    hostsAndGroups(clientVpn !== 'none' || siteToSite).map(({ groups, members, named }) => {
      const hosts = members.map((g, i) => ({ name: `aws-h${i}`, ...(named[i] || members.filter((m) => m === g).length > 1 ? { group: `role-${g}` } : {}), amiId: 'ami-0123456789abcdef0', ...defined(groups[g]) }));
      // Members of a group share its first member's settings; a host without `group` is its own group.
      const section: NonNullable<RdpHostsConfig['aws']> = {
        region: 'eu-west-1',
        network: { vpcCidr: '10.42.0.0/16', subnetCidr: '10.42.1.0/24' },
        hosts: hosts as NonNullable<RdpHostsConfig['aws']>['hosts'],
        ...(t ? { tags: t } : {}),
      };
      if (clientVpn !== 'none') {
        section.clientVpn = {
          serverCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000001',
          ...(clientVpn === 'saml'
            ? { saml: { samlProviderArn: 'arn:aws:iam::123456789012:saml-provider/corp', accessGroupIds: ['rdp-admins-${x}'] } }
            : { clientRootCertificateChainArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000002' }),
          clientCidr: '10.250.0.0/22',
          loginBanner: 'Authorized use only. ${not-a-reference} %{ if x }',
        };
      }
      if (siteToSite) section.siteToSiteVpn = { customerGatewayIp: '198.51.100.7', onPremisesCidrs: ['192.168.10.0/24', '192.168.20.0/24'] };
      return section;
    }),
  );

/** An `azure` section that validates. */
export const azureSectionArbitrary = fc
  .record({ pointToSite: fc.boolean(), siteToSite: fc.boolean(), tags })
  .chain(({ pointToSite, siteToSite, tags: t }) =>
    hostsAndGroups(pointToSite || siteToSite).map(({ groups, members, named }) => {
      const hosts = members.map((g, i) => ({ name: `az-h${i}`, ...(named[i] || members.filter((m) => m === g).length > 1 ? { group: `role-${g}` } : {}), subnetCidr: `10.52.${g + 1}.0/24`, ...defined(groups[g]) }));
      const section: NonNullable<RdpHostsConfig['azure']> = {
        location: 'westeurope',
        network: { addressSpace: '10.52.0.0/16' },
        keyVault: { deployerIpRanges: ['203.0.113.0/24'] },
        hosts: hosts as NonNullable<RdpHostsConfig['azure']>['hosts'],
        ...(t ? { tags: t } : {}),
      };
      if (pointToSite || siteToSite) {
        section.vpnGateway = {
          gatewaySubnetCidr: '10.52.255.224/27',
          ...(pointToSite ? { pointToSite: { addressPool: '10.251.0.0/24', entraId: { tenantId: '00000000-0000-4000-8000-000000000000' } } } : {}),
          ...(siteToSite ? { siteToSite: { customerGatewayIp: '198.51.100.8', onPremisesCidrs: ['192.168.30.0/24'] } } : {}),
        };
      }
      return section;
    }),
  );

/** A whole configuration file that validates: AWS, Azure or both, at the top level or in environments. */
export const validConfigArbitrary: fc.Arbitrary<RdpHostsConfig> = fc
  .record({ aws: fc.option(awsSectionArbitrary, { nil: undefined }), azure: fc.option(azureSectionArbitrary, { nil: undefined }), environments: fc.boolean() })
  .filter(({ aws, azure }) => aws !== undefined || azure !== undefined)
  .map(({ aws, azure, environments }) => {
    const sections = defined({ aws, azure });
    return environments ? { environments: { prod: sections } } : sections;
  });

/** Settings of the first host that a random value may break (a path below the host, and a value). */
const perturbations: fc.Arbitrary<[string[], unknown]> = fc.oneof(
  fc.integer({ min: 0, max: 70000 }).map((v): [string[], unknown] => [['rdpPort'], v]),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 32 })).map(([a, b, p]): [string[], unknown] => [['allowlist'], [`${a}.${b}.0.0/${p}`]]),
  fc.integer({ min: -2, max: 1001 }).map((v): [string[], unknown] => [['hardening'], { lockoutThreshold: v }]),
  fc.integer({ min: -1, max: 100 }).map((v): [string[], unknown] => [['hardening'], { idleSessionLimitMinutes: v }]),
  fc.constantFrom('1.0', '1.1', '1.2').map((v): [string[], unknown] => [['hardening'], { minimumTlsVersion: v }]),
  fc.boolean().map((v): [string[], unknown] => [['hardening'], { requireNla: v }]),
  fc.constantFrom('vpn-only', 'allowlist').map((v): [string[], unknown] => [['access'], v]),
);

/** A valid configuration with one setting of its first host replaced by a value that may be refused. */
export const nearlyValidConfigArbitrary: fc.Arbitrary<unknown> = fc.tuple(validConfigArbitrary, perturbations).map(([config, [path, value]]) => {
  const copy = JSON.parse(JSON.stringify(config)) as Record<string, Record<string, unknown>>;
  const sections = (copy.environments?.prod ?? copy) as Record<string, { hosts: Record<string, unknown>[] }>;
  const section = sections.aws ?? sections.azure;
  section.hosts[0][path[0]] = value;
  return copy;
});
