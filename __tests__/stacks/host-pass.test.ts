/**
 * The one per-host pass of the configuration check (stacks/config/fields.ts `checkHostsAccess`), shared by
 * both clouds: each host's access once, a VPN-only host nobody could reach, and what the section
 * derives from the accesses (AWS: whether the public subnet is needed).
 */
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { problemsOf } from '../helpers/config-problems';

const PUBLIC_IP = { id: 'RDP-NET-PUBLIC-IP', reason: 'Vendor support from its fixed office range' };
const awsSection = DEFAULT_CONFIG.aws!;
const awsHost = awsSection.hosts[0];

function aws(changes: Record<string, unknown>, hosts: Record<string, unknown>[] = [awsHost]): unknown {
  return { aws: { ...awsSection, ...changes, hosts } };
}

describe('one pass over the hosts', () => {
  test('AWS: a VPN-only host without a VPN and without private sources is refused on its access', () => {
    const problems = problemsOf(aws({ clientVpn: undefined }));
    expect(problems.map((p) => p.field)).toEqual(['aws.hosts[0].access']);
    expect(problems[0].message).toMatch(/is "vpn-only", but the aws section configures no VPN \(clientVpn or siteToSiteVpn\)/);
  });

  test('AWS: the same host with a private source, or with a VPN, is accepted', () => {
    expect(problemsOf(aws({ clientVpn: undefined }, [{ ...awsHost, allowlist: ['10.8.0.0/16'] }]))).toEqual([]);
    expect(problemsOf(aws({}))).toEqual([]);
  });

  test('AWS: the public subnet is checked exactly when a host has public sources', () => {
    // A public subnet range that overlaps the private one is only a problem when the public subnet exists.
    const network = { ...awsSection.network, publicSubnetCidr: '10.42.1.0/24' };
    const publicHost = { ...awsHost, name: 'vendor', access: 'allowlist', allowlist: ['198.51.100.0/24'], internetExposure: PUBLIC_IP };
    expect(problemsOf(aws({ network }))).toEqual([]);
    const problems = problemsOf(aws({ network }, [awsHost, publicHost]));
    expect(problems.map((p) => p.field)).toEqual(['aws.network.publicSubnetCidr']);
    expect(problems[0].message).toMatch(/overlaps subnetCidr 10\.42\.1\.0\/24/);
  });

  test('a host whose allowlist entries are malformed is reported on the entries only, once', () => {
    const problems = problemsOf(aws({ clientVpn: undefined }, [{ ...awsHost, allowlist: ['10.8.0.0/16', '10.8.0.0/16'] }]));
    expect(problems.map((p) => p.field)).toEqual(['aws.hosts[0].allowlist[1]']);
  });
});
