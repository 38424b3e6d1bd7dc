/**
 * Real Terraform, offline: configuration text with Terraform template syntax plans as that literal
 * text. Unescaped, `${file("secrets.txt")}` would be read at plan time (and fail: there is no such
 * file), and `%{ if … }` would be rendered as a template.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildStacks } from '../../stacks/app';
import { DEFAULT_CONFIG } from '../../stacks/config/default-config';
import { validateConfig } from '../../stacks/config/load-config';
import { synthesizeAtomically } from '../../stacks/synthesize';
import { PlannedResource, planOffline, terraformSetup } from '../helpers/terraform';

jest.setTimeout(240_000);

const FILE_CALL = '${file("secrets.txt")}';
const TEMPLATE = '%{ if true }rendered%{ endif }';

describe('configuration text plans as a literal (terraform plan, offline)', () => {
  let resources: PlannedResource[];
  let root: string;

  beforeAll(() => {
    const setup = terraformSetup();
    if (!setup.ok) throw new Error(`Offline Terraform is not available: ${setup.message}`);
    const config = JSON.parse(JSON.stringify({ aws: DEFAULT_CONFIG.aws }));
    config.aws.tags = { note: FILE_CALL, [TEMPLATE]: 'key with a directive' };
    config.aws.clientVpn.loginBanner = `Authorized use only ${FILE_CALL} ${TEMPLATE}`;
    // Acknowledgement reasons stay readable in the "//" comment blocks, which Terraform ignores.
    config.aws.hosts[0].hardening = { requireNla: false, acknowledgements: [{ id: 'RDP-GUEST-NLA-OFF', reason: `Legacy thin clients ${FILE_CALL}` }] };
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-literal-plan-'));
    const outdir = path.join(root, 'cdktf.out');
    synthesizeAtomically(outdir, (app) => buildStacks(app, validateConfig(config, {})));
    resources = planOffline(path.join(outdir, 'stacks', 'aws-rdp-hosts'), setup.env).resources;
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('tags, and the login banner, are planned exactly as written in the configuration', () => {
    const instance = resources.find((r) => r.type === 'aws_instance')!;
    expect((instance.values.tags_all as Record<string, string>).note).toBe(FILE_CALL);
    expect((instance.values.tags_all as Record<string, string>)[TEMPLATE]).toBe('key with a directive');
    const endpoint = resources.find((r) => r.type === 'aws_ec2_client_vpn_endpoint')!;
    const banner = (endpoint.values.client_login_banner_options as { banner_text: string }[])[0].banner_text;
    expect(banner).toBe(`Authorized use only ${FILE_CALL} ${TEMPLATE}`);
  });
});
