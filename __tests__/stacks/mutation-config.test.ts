/**
 * The configuration file's shared field checks (stacks/config/fields.ts) on both clouds (issue #20, mutation
 * testing): each bad value is reported under its full field path with the library's own words, and the
 * secure default stays valid.
 */
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
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
  expect(fields(one('aws', { access: 'bastion' }))).toEqual(['aws.hosts[0].access']);
  expect(fields(one('azure', { access: 'session-manager' }))).toEqual(['azure.hosts[0].access']);
});
