/**
 * The checked-in API report (api/*.api.md) is the public API the package ships: generated from the
 * declarations the build emits (tsconfig.build.json, `stripInternal` on; in memory, no dist/ needed) by
 * bin/api-report.ts. A change of the API fails here until the report is regenerated and committed, so
 * every API change is a reviewed diff.
 */
import * as publicApi from '../../constructs';
import { ApiReport, generateApiReports, reportDiff, UPDATE_COMMAND } from '../../bin/api-report';

jest.setTimeout(240_000);

describe('API report (api/*.api.md)', () => {
  let reports: ApiReport[];
  let root: ApiReport;

  beforeAll(() => {
    reports = generateApiReports();
    root = reports.find((r) => r.entryPoint.specifier === 'secure-rdp-hosts')!;
  });

  test('the checked-in reports match the declarations the package ships', () => {
    const diffs = reports.map(reportDiff).filter((d) => d !== '');
    if (diffs.length > 0) {
      throw new Error(`The public API changed, and api/ does not say so:\n\n${diffs.join('\n')}\nIf the change is intended, run \`${UPDATE_COMMAND}\` and commit api/ with it.`);
    }
  });

  test('a changed declaration shows as a diff line', () => {
    const changed = { ...root, text: root.text.replace('export declare class RdpPort {', 'export declare class RdpPort2 {') };
    expect(changed.text).not.toBe(root.text);
    const diff = reportDiff(changed);
    expect(diff).toContain('-export declare class RdpPort {');
    expect(diff).toContain('+export declare class RdpPort2 {');
  });

  test('every runtime export of the root is in the report, and nothing else of value kind', () => {
    const runtime = Object.entries(publicApi).filter(([, value]) => value !== undefined).map(([name]) => name).sort();
    // A re-export under another name is printed as its declaration, preceded by `// exported as <name>`.
    const reported = [...root.text.matchAll(/^(?:\/\/ exported as (\w+)\n)?export declare (?:abstract )?(?:class|const|function|enum) (\w+)/gm)].map((m) => m[1] ?? m[2]).sort();
    expect(runtime.length).toBeGreaterThan(30);
    expect([...new Set(reported)]).toEqual(runtime);
  });

  test('the root exports every type of this package that its declarations use', () => {
    expect(root.unexported).toEqual([]);
  });

  test('internals stay out of the root: @internal members and the checks the configuration layer shares', () => {
    const internals = [/\baddMember\(/, /\battachNetworkInterface\(/, /\bparsed:/, /\bserve\(/, /\bcheckClientCidr\b/, /\bshowValue\b/, /\bvalidateResourceGroupName\b/, /\bSTRONG_TUNNEL_OPTIONS\b/, /\bMIN_REASON_LENGTH\b/];
    expect(internals.filter((pattern) => pattern.test(root.text)).map(String)).toEqual([]);
  });
});
