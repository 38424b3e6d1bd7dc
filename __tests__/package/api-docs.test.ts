/**
 * The API reference (`npm run docs:api`, typedoc.json) builds offline from the TSDoc, with a page for
 * every runtime export of the package's entry point, and every exported symbol and member documented.
 * Written to a temp folder here; `npm run docs:api` writes docs/api/ (not committed).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as publicApi from '../../constructs';
import { ROOT, runCommand } from './packed-package';

jest.setTimeout(180_000);

const TYPEDOC = path.join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');

describe('API reference from the TSDoc (typedoc)', () => {
  let outDir: string;
  let status: number | null;
  let log: string;

  beforeAll(() => {
    outDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rdp-api-docs-')), 'api');
    const result = runCommand(process.execPath, [TYPEDOC, '--options', 'typedoc.json', '--out', outDir], ROOT, { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' });
    status = result.status;
    log = `${result.stdout}${result.stderr}`;
  });

  afterAll(() => {
    if (outDir) fs.rmSync(path.dirname(outDir), { recursive: true, force: true });
  });

  test('builds without errors', () => {
    if (status !== 0) throw new Error(`typedoc exited ${status}:\n${log}`);
    expect(log).toMatch(/Found 0 errors/);
    expect(fs.existsSync(path.join(outDir, 'index.html'))).toBe(true);
  });

  test('has a page for every runtime export of the entry point', () => {
    const pages = new Set(['classes', 'functions', 'variables', 'enums'].flatMap((kind) => (fs.existsSync(path.join(outDir, kind)) ? fs.readdirSync(path.join(outDir, kind)) : [])));
    // Interfaces re-exported without `export type` still appear as (undefined) keys under the transpiler.
    const exported = Object.entries(publicApi).filter(([, value]) => value !== undefined).map(([name]) => name);
    expect(exported.length).toBeGreaterThan(10);
    expect(exported.filter((name) => !pages.has(`${name}.html`))).toEqual([]);
  });

  test('every exported symbol and member has TSDoc (members of anonymous object types aside)', () => {
    const undocumented = log
      .split('\n')
      .filter((line) => line.includes('does not have any documentation') && !line.includes('__type'))
      .map((line) => line.replace(/^.*?\] /, ''));
    expect(undocumented).toEqual([]);
  });
});
