/**
 * `secure-rdp-hosts rdp-file`: the .rdp file of a host, built from the synthesized stack, connects to
 * the right address and port (the tunnel's local end for zero-inbound hosts), requires NLA through
 * CredSSP, and turns off every redirection the host's hardening does not allow.
 */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RdpFileError, readTarget, renderRdpFile } from '../../cli/rdp-file/rdp-file';
import { parseRdpFile } from '../helpers/rdp-file-fields';
import { main } from '../../cli/main';
import { buildStacks } from '../../stacks/app';
import { validateConfig } from '../../stacks/config/load-config';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-file-'));
const outdir = path.join(tmp, 'cdktf.out');
const example = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'zero-inbound.example.json'), 'utf8'));
// One Azure bastion group allows clipboard and drive redirection (acknowledged), to see the file follow the profile.
Object.assign(example.azure.hosts[2], { hardening: { allowedRedirections: ['clipboard', 'drive'], acknowledgements: [{ id: 'RDP-GUEST-REDIRECTION', reason: 'developers copy build logs out of the dev host' }] } });
const app = new App({ outdir });
buildStacks(app, validateConfig(example, {}));
app.synth();
const stackJson = (stack: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const REDIRECTION_FIELDS = ['redirectclipboard:i', 'drivestoredirect:s', 'redirectprinters:i', 'redirectcomports:i', 'redirectsmartcards:i', 'devicestoredirect:s', 'usbdevicestoredirect:s', 'redirectlocation:i', 'redirectwebauthn:i', 'audiocapturemode:i', 'camerastoredirect:s'];

describe('rdp-file', () => {
  test('session-manager host: localhost on the RDP port (the tunnel\'s local end), NLA, server authentication, every redirection off', () => {
    const target = readTarget(stackJson('aws-zero-inbound'), 'ops-1');
    expect(target).toMatchObject({ accessMode: 'session-manager', rdpPort: 44389, tunnel: true, allowedRedirections: [] });
    const text = renderRdpFile(target);
    expect(text.endsWith('\r\n')).toBe(true);
    const fields = parseRdpFile(text);
    expect(fields.get('full address:s')).toBe('localhost:44389');
    expect(fields.get('authentication level:i')).toBe('2');
    expect(fields.get('enablecredsspsupport:i')).toBe('1');
    for (const name of REDIRECTION_FIELDS) expect([name, fields.get(name)]).toEqual([name, name.endsWith(':s') ? '' : '0']);
  });

  test('bastion host with clipboard and drive allowed: those two on, the rest off; a chosen local port', () => {
    const target = readTarget(stackJson('azure-zero-inbound'), 'az-dev-1');
    expect(target).toMatchObject({ accessMode: 'bastion', rdpPort: 44390, tunnel: true });
    expect([...target.allowedRedirections].sort()).toEqual(['clipboard', 'drive']);
    const fields = parseRdpFile(renderRdpFile(target, { localPort: 55001 }));
    expect(fields.get('full address:s')).toBe('localhost:55001');
    expect(fields.get('redirectclipboard:i')).toBe('1');
    expect(fields.get('drivestoredirect:s')).toBe('*');
    for (const name of REDIRECTION_FIELDS.filter((n) => !['redirectclipboard:i', 'drivestoredirect:s'].includes(n))) expect(fields.get(name)).toBe(name.endsWith(':s') ? '' : '0');
  });

  test('VPN-only host: needs --address, then uses the RDP port itself', () => {
    const target = readTarget(stackJson('aws-zero-inbound'), 'vpn-jump');
    expect(() => renderRdpFile(target)).toThrow(/vpn-only: pass --address/);
    expect(parseRdpFile(renderRdpFile(target, { address: '10.44.1.25', localPort: 1 })).get('full address:s')).toBe('10.44.1.25:43389');
    expect(() => renderRdpFile(target, { address: 'x;rm -rf /' })).toThrow(RdpFileError);
  });

  test('the command writes the file, and says what is wrong with exit code 2', async () => {
    const out = path.join(tmp, 'ops-2.rdp');
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const error = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['rdp-file', 'aws-zero-inbound', 'ops-2', '--dir', outdir, '-o', out])).toBe(0);
      expect(parseRdpFile(fs.readFileSync(out, 'utf8')).get('full address:s')).toBe('localhost:44389');
      expect(await main(['rdp-file', 'aws-zero-inbound', 'nobody', '--dir', outdir, '-o', out])).toBe(2);
      expect(String(error.mock.calls.at(-1)?.[0])).toMatch(/host "nobody" is not in this stack\. Hosts: ops-1, ops-2, vpn-jump/);
      expect(await main(['rdp-file', 'missing-stack', 'ops-1', '--dir', outdir])).toBe(2);
      expect(await main(['rdp-file', 'aws-zero-inbound'])).toBe(2);
    } finally {
      write.mockRestore();
      error.mockRestore();
    }
  });
});
