import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UsageErrors } from '../../cli/usage-error';
import { describePolicy, loadPolicy, parsePolicy, TLS_ONLY_PROFILE } from '../../cli/probe/policy';

describe('parsePolicy', () => {
  test('the default profile: TLS-only, NLA, TLS 1.2+, certificate not expired, RSA 2048+', () => {
    expect(TLS_ONLY_PROFILE).toEqual({
      name: 'TLS-only profile (default)',
      securityLayer: 'tls',
      nla: true,
      minTls: '1.2',
      certificate: { minValidDays: 0, minRsaBits: 2048, allowSelfSigned: true },
    });
    expect(describePolicy(TLS_ONLY_PROFILE)).toBe('Standard RDP Security refused, NLA required, TLS 1.2 or later only, certificate not expired, RSA keys 2048+ bits, self-signed allowed');
  });

  test('missing keys take the default profile values', () => {
    expect(parsePolicy({ minTls: '1.3' }, 'p.json')).toEqual({ ...TLS_ONLY_PROFILE, name: 'policy p.json', minTls: '1.3' });
    expect(parsePolicy({ name: 'prod', certificate: { minValidDays: 30 } }, 'p.json').certificate).toEqual({ minValidDays: 30, minRsaBits: 2048, allowSelfSigned: true });
  });

  test('the hardening manifest keys read the same (securityLayer, nla, minTls)', () => {
    expect(parsePolicy({ securityLayer: 'negotiate', nla: false, minTls: '1.0' }, 'p.json')).toMatchObject({ securityLayer: 'negotiate', nla: false, minTls: '1.0' });
  });

  test('fails on every bad field at once, naming each field and value', () => {
    let error: unknown;
    try {
      parsePolicy({ securityLayer: 'rdp', nla: 'yes', minTls: 1.2, certificat: {}, certificate: { minRsaBits: 512, extra: 1 } }, 'bad.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageErrors);
    const messages = (error as UsageErrors).errors.map((e) => e.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^`securityLayer` must be one of "tls", "negotiate", got "rdp"\./),
      expect.stringMatching(/^`nla` must be true or false, got "yes"\./),
      expect.stringMatching(/^`minTls` must be one of "1\.0", "1\.1", "1\.2", "1\.3", got 1\.2\./),
      expect.stringMatching(/^`certificat` is not a known setting/),
      expect.stringMatching(/^`certificate\.extra` is not a known setting/),
      expect.stringMatching(/^`certificate\.minRsaBits` must be an integer from 1024 to 16384, got 512\./),
    ]));
    expect((error as Error).message).toMatch(/^Invalid probe policy bad\.json \(6 problems\)/);
  });

  test('fails on a document that is not an object', () => {
    expect(() => parsePolicy(['tls'], 'list.json')).toThrow(/must be a JSON object/);
  });
});

describe('loadPolicy', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-policy-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('reads a JSON file', () => {
    const file = path.join(dir, 'ok.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'lab', nla: false }));
    expect(loadPolicy(file)).toMatchObject({ name: 'lab', nla: false, securityLayer: 'tls' });
  });

  test('fails on a missing file and on invalid JSON, naming --expect-policy', () => {
    expect(() => loadPolicy(path.join(dir, 'nope.json'))).toThrow(/`--expect-policy` names \S+nope\.json, which does not exist\./);
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '{ nla: true');
    expect(() => loadPolicy(file)).toThrow(/`--expect-policy` is not valid JSON/);
  });
});
