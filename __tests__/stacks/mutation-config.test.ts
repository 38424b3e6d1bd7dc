/**
 * The configuration file's shared field checks (stacks/config/fields.ts) on both clouds (issue #20, mutation
 * testing): each bad value is reported under its full field path with the library's own words, and the
 * secure default stays valid.
 */
import { z } from 'zod';
import { RdpValidationError, RdpValidationErrors } from '../../constructs/core';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { addHostIssue, checkHostsAccess, fieldSegments, hostAccess, HostAccessConfig, individualErrors, refineByThrowing, underField } from '../../stacks/config/fields';
import { problemsOf } from '../helpers/config-problems';

type Json = Record<string, unknown>;
const REASON = 'Accepted for the migration window, ticket SEC-1234';

/** The default configuration with the first host of `cloud` changed (or more hosts), deep-copied. */
function withHosts(cloud: 'aws' | 'azure', hosts: (first: Json) => Json[], section: Json = {}): Json {
  const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as Record<string, Json>;
  const first = (config[cloud].hosts as Json[])[0];
  config[cloud] = { ...config[cloud], ...section, hosts: hosts(first) };
  return config;
}
const one = (cloud: 'aws' | 'azure', change: Json, section?: Json): Json => withHosts(cloud, (h) => [{ ...h, ...change }], section);
const fields = (config: Json): string[] => problemsOf(config).map((p) => p.field);
const message = (config: Json, field: string): string | undefined => problemsOf(config).find((p) => p.field === field)?.message;

test('the default configuration is valid', () => {
  expect(problemsOf(DEFAULT_CONFIG)).toEqual([]);
});

describe.each(['aws', 'azure'] as const)('%s hosts', (cloud) => {
  const host = `${cloud}.hosts[0]`;

  test('the RDP port: the library check, under the field path', () => {
    expect(message(one(cloud, { rdpPort: 3389 }), `${host}.rdpPort`)).toMatch(/^`[^`]*rdpPort` must not be 3389 \(the default RDP port/);
    expect(message(one(cloud, { rdpPort: 2179 }), `${host}.rdpPort`)).toMatch(/must not be 2179 \(Hyper-V VMConnect\)/);
    expect(message(one(cloud, { rdpPort: 1023 }), `${host}.rdpPort`)).toMatch(/must be between 1024 and 65535/);
    expect(fields(one(cloud, { rdpPort: 43389.5 }))).toEqual([`${host}.rdpPort`]);
    expect(fields(one(cloud, { rdpPort: 50000 }))).toEqual([]);
  });

  test('allowlist entries are reported on the entry; the list itself on the list', () => {
    const open = { access: 'allowlist', internetExposure: { id: 'RDP-NET-INTERNET-EXPOSURE', reason: REASON } };
    expect(message(one(cloud, { ...open, allowlist: ['203.0.113.0/24', '*'] }), `${host}.allowlist[1]`)).toMatch(/must not mean the whole internet, got "\*"/);
    expect(message(one(cloud, { ...open, allowlist: ['203.0.113.0/24', '203.0.113.0/24'] }), `${host}.allowlist[1]`)).toMatch(/repeats entry 0/);
    expect(message(one(cloud, { ...open, allowlist: [] }), `${host}.allowlist`)).toMatch(/must list at least one source/);
    expect(message(one(cloud, { access: 'allowlist' }), `${host}.allowlist`)).toMatch(/is required when access is "allowlist"/);
    expect(fields(one(cloud, { access: 'allowlist', allowlist: ['10.0.0.0/16'] }))).toEqual([]);
  });

  test('a VPN-only host needs no internet exposure acknowledgement', () => {
    expect(message(one(cloud, { internetExposure: { id: 'RDP-NET-INTERNET-EXPOSURE', reason: REASON } }), `${host}.internetExposure`)).toMatch(/is not needed: a VPN-only host never gets a public IP/);
  });

  test('an acknowledgement needs a reason of some length and no unknown keys', () => {
    const config = one(cloud, { access: 'allowlist', allowlist: ['203.0.113.0/24'], internetExposure: { id: 'RDP-NET-INTERNET-EXPOSURE', reason: 'ok' } });
    expect(fields(config)).toContain(`${host}.internetExposure.reason`);
    const extra = one(cloud, { access: 'allowlist', allowlist: ['203.0.113.0/24'], internetExposure: { id: 'RDP-NET-INTERNET-EXPOSURE', reason: REASON, note: 'x' } });
    expect(fields(extra).some((f) => f.startsWith(`${host}.internetExposure`))).toBe(true);
  });

  test('host names: the pattern, and unique in the section', () => {
    expect(message(one(cloud, { name: 'Jump_1' }), `${host}.name`)).toMatch(/must be 2–32 characters of lower-case letters, digits and hyphens, starting with a letter/);
    expect(fields(one(cloud, { name: 'j' }))).toEqual([`${host}.name`]);
    const twice = withHosts(cloud, (h) => [h, { ...h, ...(cloud === 'azure' ? { subnetCidr: '10.52.2.0/24' } : {}) }]);
    expect(message(twice, `${cloud}.hosts[1].name`)).toMatch(/^`[^`]*` repeats the name of another host, got "jump-1"\. Host names must be unique\./);
  });

  test('hosts of one group must agree on the group settings; other groups may differ', () => {
    const second = (h: Json, change: Json): Json => ({ ...h, name: 'jump-2', ...(cloud === 'azure' ? { subnetCidr: '10.52.1.0/24' } : {}), ...change });
    const grouped = withHosts(cloud, (h) => [{ ...h, group: 'g' }, second(h, { group: 'g', rdpPort: 50000 })]);
    expect(message(grouped, `${cloud}.hosts[1].rdpPort`)).toMatch(new RegExp(`differs from \`${cloud}\\.hosts\\[0\\]\\.rdpPort\` in the same group "g", got 50000\\.`));
    const separate = withHosts(cloud, (h) => [{ ...h, group: 'g' }, second(h, { group: 'h', rdpPort: 50000 })]);
    expect(fields(separate).filter((f) => f.endsWith('rdpPort'))).toEqual([]);
  });
});

test('zero-inbound hosts refuse an allowlist and an internet exposure; bastion hosts need a bastion', () => {
  expect(message(one('aws', { access: 'session-manager', allowlist: ['10.0.0.0/16'] }), 'aws.hosts[0].allowlist')).toMatch(/is not allowed with access "session-manager": the host admits RDP only through Session Manager/);
  expect(message(one('aws', { access: 'session-manager', internetExposure: { id: 'RDP-NET-INTERNET-EXPOSURE', reason: REASON } }), 'aws.hosts[0].internetExposure')).toMatch(/is not allowed with access "session-manager"/);
  expect(message(one('azure', { access: 'bastion' }), 'azure.hosts[0].access')).toMatch(/is "bastion", but the azure section configures no bastion/);
  expect(message(one('azure', { access: 'bastion', allowlist: ['10.0.0.0/16'] }), 'azure.hosts[0].allowlist')).toMatch(/only through its Bastion/);
  expect(fields(one('aws', { access: 'session-manager' }))).toEqual([]);
  expect(fields(one('azure', { access: 'bastion' }, { bastion: { subnetCidr: '10.52.254.0/26' } }))).toEqual([]);
  expect(fields(one('aws', { access: 'bastion' }))).toEqual(['aws.hosts[0].access']);
  expect(fields(one('azure', { access: 'session-manager' }))).toEqual(['azure.hosts[0].access']);
});

describe('library errors land on the right field, with the message once', () => {
  const exactly = (config: Json, field: string): string => {
    const found = problemsOf(config).filter((p) => p.field === field);
    expect(found).toHaveLength(1);
    return found[0].message;
  };

  test('a host-level check names the host field it is about', () => {
    const open = one('aws', { access: 'allowlist', allowlist: ['203.0.113.0/24'] });
    expect(exactly(open, 'aws.hosts[0].allowlist')).toMatch(/^`aws\.hosts\[0\]\.allowlist` has public sources \(203\.0\.113\.0\/24\), which give the host a public IP/);
    expect(exactly(one('aws', { access: 'session-manager', allowlist: ['10.0.0.0/16'] }), 'aws.hosts[0].allowlist')).toMatch(/^`aws\.hosts\[0\]\.allowlist` is not allowed with access "session-manager"/);
    expect(exactly(one('azure', { access: 'bastion' }), 'azure.hosts[0].access')).toMatch(/^`azure\.hosts\[0\]\.access` is "bastion", but the azure section configures no bastion/);
  });

  test('a list check that names an entry reports it on that entry, also from index 10 on', () => {
    const ranges = Array.from({ length: 10 }, (_, i) => `172.${16 + i}.0.0/16`);
    const s2s = (onPremisesCidrs: string[]): Json => {
      const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as Record<string, Json>;
      config.aws = { ...config.aws, siteToSiteVpn: { customerGatewayIp: '198.51.100.1', onPremisesCidrs } };
      return config;
    };
    expect(exactly(s2s([ranges[0], ranges[0]]), 'aws.siteToSiteVpn.onPremisesCidrs[1]')).toMatch(/^`aws\.siteToSiteVpn\.onPremisesCidrs\[1\]` repeats onPremisesCidrs\[0\], got "172\.16\.0\.0\/16"\./);
    expect(exactly(s2s([...ranges, ranges[0]]), 'aws.siteToSiteVpn.onPremisesCidrs[10]')).toMatch(/repeats onPremisesCidrs\[0\]/);
    expect(exactly(one('aws', {}, { network: { vpcCidr: '203.0.113.0/24' } }), 'aws.network.vpcCidr')).toMatch(/^`aws\.network\.vpcCidr` is not a usable network range, got "203\.0\.113\.0\/24"\./);
  });

  test('field messages are the library sentences', () => {
    expect(exactly(one('aws', { rdpPort: 3389 }), 'aws.hosts[0].rdpPort')).toMatch(/^`aws\.hosts\[0\]\.rdpPort` must not be 3389 \(the default RDP port/);
    expect(exactly(one('aws', { access: 'allowlist', allowlist: ['10.0.0.0/16', '*'] }), 'aws.hosts[0].allowlist[1]')).toMatch(/^`aws\.hosts\[0\]\.allowlist\[1\]` must not mean the whole internet/);
    const twice = withHosts('aws', (h) => [h, h]);
    expect(exactly(twice, 'aws.hosts[1].name')).toMatch(/^`aws\.hosts\[1\]\.name` repeats the name of another host/);
    const grouped = withHosts('aws', (h) => [{ ...h, group: 'g' }, { ...h, name: 'jump-2', group: 'g', rdpPort: 50000 }]);
    expect(exactly(grouped, 'aws.hosts[1].rdpPort')).toMatch(/^`aws\.hosts\[1\]\.rdpPort` differs from/);
  });

  test('each sentence is reported as the library wrote it, with nothing appended', () => {
    expect(exactly(one('aws', { rdpPort: 3389 }), 'aws.hosts[0].rdpPort')).toMatch(/Pick a port such as 43389\.$/);
    expect(exactly(one('aws', { access: 'allowlist', allowlist: ['10.0.0.0/16', '*'] }), 'aws.hosts[0].allowlist[1]')).toMatch(/\(e\.g\. "203\.0\.113\.0\/24"\)\.$/);
    expect(exactly(withHosts('aws', (h) => [h, h]), 'aws.hosts[1].name')).toMatch(/Host names must be unique\.$/);
    const grouped = withHosts('aws', (h) => [{ ...h, group: 'g' }, { ...h, name: 'jump-2', group: 'g', rdpPort: 50000 }]);
    expect(exactly(grouped, 'aws.hosts[1].rdpPort')).toMatch(/or put the host in another group\.$/);
    expect(exactly(one('aws', { access: 'allowlist', allowlist: ['203.0.113.0/24'] }), 'aws.hosts[0].allowlist')).toMatch(/\(RdpAccess\.vpnOnly\(\)\)\.$/);
    const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as Record<string, Json>;
    config.aws = { ...config.aws, siteToSiteVpn: { customerGatewayIp: '198.51.100.1', onPremisesCidrs: ['172.16.0.0/16', '172.16.0.0/16'] } };
    expect(exactly(config, 'aws.siteToSiteVpn.onPremisesCidrs[1]')).toMatch(/List each on-premises range once\.$/);
  });
});

test('fieldSegments: names and indexes of a dotted path', () => {
  expect(fieldSegments('allowlist[1].cidr')).toEqual(['allowlist', 1, 'cidr']);
  expect(fieldSegments('hosts[12].a1.1a')).toEqual(['hosts', 12, 'a1', '1a']);
});

/** A zod refinement context that records the issues it is given. */
function recorder(): { ctx: z.RefinementCtx; issues: { code?: string; path?: PropertyKey[]; message?: string }[] } {
  const issues: { code?: string; path?: PropertyKey[]; message?: string }[] = [];
  return { ctx: { addIssue: (i: { code?: string; path?: PropertyKey[]; message?: string }) => void issues.push({ code: i.code, path: i.path, message: i.message }) } as unknown as z.RefinementCtx, issues };
}

describe('the shared field checks, called directly (what the cloud sections rely on)', () => {
  test('addHostIssue: a field under the host keeps its tail; the host itself; a field elsewhere is named in the message', () => {
    const { ctx, issues } = recorder();
    addHostIssue(ctx, ['hosts', 0], 'aws.hosts[0]', new RdpValidationError('aws.hosts[0].allowlist[1]', 'x', 'is bad.'));
    addHostIssue(ctx, ['hosts', 0], 'aws.hosts[0]', new RdpValidationError('aws.hosts[0]', 'x', 'is the host.'));
    addHostIssue(ctx, ['hosts', 0], 'aws.hosts[0]', new RdpValidationError('aws.network.vpcCidr', 'x', 'is elsewhere.'));
    addHostIssue(ctx, ['hosts', 0], 'aws.hosts[0]', new RdpValidationError('aws.hosts[0]x', 'x', 'only shares a prefix.'));
    expect(issues).toEqual([
      { code: 'custom', path: ['hosts', 0, 'allowlist', 1], message: 'is bad.' },
      { code: 'custom', path: ['hosts', 0], message: 'is the host.' },
      { code: 'custom', path: ['hosts', 0], message: '`aws.network.vpcCidr` is elsewhere.' },
      { code: 'custom', path: ['hosts', 0], message: '`aws.hosts[0]x` only shares a prefix.' },
    ]);
  });

  test('addHostIssue: the tail starts right after the host path, also for a host path without brackets', () => {
    const { ctx, issues } = recorder();
    addHostIssue(ctx, ['bastion'], 'azure.bastion', new RdpValidationError('azure.bastion.subnetCidr', 'x', 'is bad.'));
    expect(issues).toEqual([{ code: 'custom', path: ['bastion', 'subnetCidr'], message: 'is bad.' }]);
  });

  test('addHostIssue and individualErrors: several errors at once give one issue each', () => {
    const errors = [new RdpValidationError('aws.hosts[1].allowlist[0]', 'a', 'first.'), new RdpValidationError('aws.hosts[1].rdpPort', 1, 'second.')];
    expect(individualErrors(new RdpValidationErrors(errors))).toEqual(errors);
    expect(individualErrors(errors[0])).toEqual([errors[0]]);
    // An aggregate from another copy of the library (not this RdpValidationErrors class) still lists its errors.
    const foreign = Object.assign(new Error('Invalid configuration (2 problems)'), { errors }) as unknown as RdpValidationErrors;
    expect(individualErrors(foreign)).toEqual(errors);
    const { ctx, issues } = recorder();
    addHostIssue(ctx, ['hosts', 1], 'aws.hosts[1]', new RdpValidationErrors(errors));
    expect(issues).toEqual([
      { code: 'custom', path: ['hosts', 1, 'allowlist', 0], message: 'first.' },
      { code: 'custom', path: ['hosts', 1, 'rdpPort'], message: 'second.' },
    ]);
  });

  test('refineByThrowing: an entry named at the end of the field is reported on it; an index inside the path is not an entry', () => {
    const issue = (field: string) => {
      const { ctx, issues } = recorder();
      refineByThrowing(() => {
        throw new RdpValidationError(field, 'v', 'is wrong.');
      })('v', ctx);
      return issues;
    };
    expect(issue('onPremisesCidrs[12]')).toEqual([{ code: 'custom', path: [12], message: 'is wrong.' }]);
    expect(issue('hosts[2].name')).toEqual([{ code: 'custom', path: [], message: 'is wrong.' }]);
    expect(issue('vpcCidr')).toEqual([{ code: 'custom', path: [], message: 'is wrong.' }]);
  });

  test('refineByThrowing and checkHostsAccess: a programming error is not turned into a field problem', () => {
    const { ctx, issues } = recorder();
    expect(() =>
      refineByThrowing(() => {
        throw new TypeError('bug');
      })('v', ctx),
    ).toThrow(TypeError);
    expect(() => checkHostsAccess([{}], 'aws', ctx, () => { throw new RangeError('bug'); }, undefined)).toThrow(RangeError);
    expect(issues).toEqual([]);
  });

  test('checkHostsAccess: a library error lands under the host; a VPN-only host nobody reaches gets noVpn; the section check sees the access', () => {
    const { ctx, issues } = recorder();
    const seen: number[] = [];
    const result = checkHostsAccess(
      [{ access: 'allowlist', allowlist: ['10.0.0.0/16'] }, { access: 'vpn-only' }, { access: 'allowlist', allowlist: ['*'] }, { access: 'allowlist' }],
      'aws',
      ctx,
      (host, field) => hostAccess(host, field),
      'needs a VPN.',
      (_h, index) => void seen.push(index),
    );
    expect(result.map((a) => a?.mode)).toEqual(['allowlist', 'vpn-only', undefined, undefined]);
    expect(issues).toEqual([
      { code: 'custom', path: ['hosts', 1, 'access'], message: 'needs a VPN.' },
      { code: 'custom', path: ['hosts', 3, 'allowlist'], message: 'is required when access is "allowlist". List the sources that may reach RDP, or use access "vpn-only".' },
    ]);
    expect(seen).toEqual([0, 1]);
  });

  test('hostAccess: the acknowledgement keeps its expiry and owner; its problems and the allowlist entries are named under the host', () => {
    const ack = { id: 'RDP-NET-PUBLIC-IP', reason: REASON, expires: '2027-03-31', owner: 'network-team' };
    const access = hostAccess({ access: 'allowlist', allowlist: ['203.0.113.0/24'], internetExposure: ack }, 'aws.hosts[0]');
    expect([access.internetExposure?.id, access.internetExposure?.expires, access.internetExposure?.owner]).toEqual(['RDP-NET-PUBLIC-IP', '2027-03-31', 'network-team']);
    const fieldOf = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return (e as RdpValidationError).field;
      }
      return undefined;
    };
    expect(fieldOf(() => hostAccess({ access: 'allowlist', allowlist: ['203.0.113.0/24'], internetExposure: { ...ack, id: 'rdp-net-public-ip' } }, 'aws.hosts[0]'))).toBe('aws.hosts[0].internetExposure.id');
    expect(fieldOf(() => hostAccess({ access: 'allowlist', allowlist: ['203.0.113.0/24'] }, 'aws.hosts[0]'))).toBe('aws.hosts[0].allowlist');
    expect(fieldOf(() => hostAccess({ access: 'vpn-only', allowlist: ['10.0.0.0/16', '10.0.0.0/16'] }, 'aws.hosts[2]'))).toBe('aws.hosts[2].allowlist[1]');
    expect(fieldOf(() => hostAccess({ access: 'allowlist', allowlist: ['10.0.0.0/16', '*'] }, 'azure.hosts[1]'))).toBe('azure.hosts[1].allowlist[1]');
  });

  test('hostAccess: a zero-inbound host with an extra field names it and shows its value', () => {
    const error = (host: HostAccessConfig): RdpValidationError => {
      try {
        hostAccess(host, 'aws.hosts[0]');
      } catch (e) {
        return e as RdpValidationError;
      }
      throw new Error('no error');
    };
    const withAllowlist = error({ access: 'session-manager', allowlist: ['10.0.0.0/16'] });
    expect([withAllowlist.field, withAllowlist.value]).toEqual(['aws.hosts[0].allowlist', ['10.0.0.0/16']]);
    const withAck = error({ access: 'bastion', internetExposure: { id: 'RDP-NET-INTERNET-EXPOSURE', reason: REASON } });
    expect([withAck.field, withAck.value]).toEqual(['aws.hosts[0].internetExposure', 'RDP-NET-INTERNET-EXPOSURE']);
  });

  test('underField: one error is renamed under the prefix; several become one error per field; no prefix leaves them as they are', () => {
    const two = () => {
      throw new RdpValidationErrors([new RdpValidationError('a', 1, 'one.'), new RdpValidationError('b', 2, 'two.')]);
    };
    try {
      underField('aws.x', two);
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(RdpValidationErrors);
      expect((e as RdpValidationErrors).errors.map((x) => [x.field, x.value, x.problem])).toEqual([
        ['aws.x.a', 1, 'one.'],
        ['aws.x.b', 2, 'two.'],
      ]);
      expect((e as Error).message).toMatch(/^Invalid `aws\.x` \(2 problems\)/);
    }
    expect(() => underField(undefined, two)).toThrow(/^Invalid configuration \(2 problems\)/);
    expect(() => underField('aws.x', () => { throw new RdpValidationError('c', 3, 'three.'); })).toThrow(/^`aws\.x\.c` three\.$/);
    expect(underField('aws.x', () => 42)).toBe(42);
  });
});
