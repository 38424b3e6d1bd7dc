/**
 * Which test files the `jest-covering-files` runner loads for a mutant (bin/mutation-test-files.js): the files
 * of the covering tests, every file when it cannot narrow; and the regex that selects exactly those files.
 */
const { exactPathsRegex, filesFor, testFilesById } = require('../../bin/mutation-test-files.js') as {
  testFilesById(tests: ReadonlyArray<{ id: string; fileName?: string }>): Record<string, string[]>;
  filesFor(byId: Readonly<Record<string, readonly string[]>>, testFilter: readonly string[] | undefined): string[] | undefined;
  exactPathsRegex(files: readonly string[]): string[];
};

const byId = testFilesById([
  { id: 'Peer.cidr accepts a /16', fileName: '/s/__tests__/core/peer.test.ts' },
  { id: 'RdpPort accepts 1024', fileName: '/s/__tests__/core/rdp-port.test.ts' },
  { id: 'RdpPort accepts 1024', fileName: '/s/__tests__/core/port-boundaries.test.ts' },
  { id: 'RdpPort accepts 1024', fileName: '/s/__tests__/core/rdp-port.test.ts' },
  { id: 'no file' },
]);

test('the dry run places each test id in the files that hold a test of that name', () => {
  expect(byId).toEqual({
    'Peer.cidr accepts a /16': ['/s/__tests__/core/peer.test.ts'],
    'RdpPort accepts 1024': ['/s/__tests__/core/rdp-port.test.ts', '/s/__tests__/core/port-boundaries.test.ts'],
    'no file': [],
  });
});

test('a mutant loads the files of its covering tests only, each once, sorted', () => {
  expect(filesFor(byId, ['Peer.cidr accepts a /16'])).toEqual(['/s/__tests__/core/peer.test.ts']);
  expect(filesFor(byId, ['RdpPort accepts 1024', 'Peer.cidr accepts a /16'])).toEqual(['/s/__tests__/core/peer.test.ts', '/s/__tests__/core/port-boundaries.test.ts', '/s/__tests__/core/rdp-port.test.ts']);
});

test('every file when it cannot narrow: a static mutant (no filter), a test it does not know or cannot place', () => {
  expect(filesFor(byId, undefined)).toBeUndefined();
  expect(filesFor(byId, [])).toBeUndefined();
  expect(filesFor(byId, ['Peer.cidr accepts a /16', 'a test added after the dry run'])).toBeUndefined();
  expect(filesFor(byId, ['no file'])).toBeUndefined();
  expect(filesFor(byId, ['toString'])).toBeUndefined();
});

test('the regex matches exactly the chosen paths, special characters included', () => {
  const files = ['/w/.stryker-tmp/sandbox-a+b/__tests__/core/peer.test.ts', '/w/x (1)/[y].test.ts'];
  const regexes = exactPathsRegex(files).map((r) => new RegExp(r));
  for (const f of files) expect(regexes.some((r) => r.test(f))).toBe(true);
  for (const other of ['/w/.stryker-tmp/sandbox-ab/__tests__/core/peer.test.ts', '/w/.stryker-tmp/sandbox-a+b/__tests__/core/peer.test.tsx', '/w/x (1)/y.test.ts', '/v/w/x (1)/[y].test.ts']) {
    expect(regexes.some((r) => r.test(other))).toBe(false);
  }
});
