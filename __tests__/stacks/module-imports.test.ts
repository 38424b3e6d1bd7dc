/**
 * The package root (constructs/index.ts) is for users; the repository's own app and configuration layer
 * (stacks/) import the library by module path, so the root can stay as small as what users compose.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

test('stacks/ never imports the package root', () => {
  const files = sources(path.join(ROOT, 'stacks'));
  expect(files.length).toBeGreaterThan(10);
  const offenders = files.filter((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/\bfrom\s+'(\.[^']*)'/g)].some((m) => {
      const target = path.resolve(path.dirname(file), m[1]);
      return target === path.join(ROOT, 'constructs') || target === path.join(ROOT, 'constructs', 'index');
    }),
  );
  expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
});
