/**
 * JUnit XML (`--format junit`): one `<testsuite>` per probed endpoint, one `<testcase>` per policy
 * check. `fail` → `<failure>`, `unknown` → `<error>`, `skipped` → `<skipped>`. An unreachable endpoint
 * is one `<testcase>` with an `<error>`. The text report goes into `<system-out>` for context.
 */
import type { ProbeFailure, ProbeReport } from './report-types';
import { formatTextReport } from './report-text';
import { formatTarget } from './transport';

/** Escapes text for XML attribute values and character data; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function document(suite: { name: string; tests: number; failures: number; errors: number; skipped: number; time: string; timestamp: string }, body: string[]): string {
  const counts = { tests: suite.tests, failures: suite.failures, errors: suite.errors };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'secure-rdp-hosts probe', ...counts, time: suite.time })}>`,
    `  <testsuite${attributes({ name: suite.name, ...counts, skipped: suite.skipped, time: suite.time, timestamp: suite.timestamp })}>`,
    ...body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Renders a finished probe as JUnit XML. */
export function formatJunitReport(report: ProbeReport): string {
  const { result, verdict } = report;
  const target = formatTarget(result.target);
  const classname = `rdp-probe.${target}`;
  const body: string[] = [];
  body.push(`    <properties>${[
    ['target', target],
    ['policy', verdict.policy.name],
    ['connections', String(result.connections)],
  ].map(([name, value]) => `<property${attributes({ name, value })}/>`).join('')}</properties>`);
  for (const check of verdict.checks) {
    const open = `    <testcase${attributes({ classname, name: `${check.id}: ${check.title}`, time: '0' })}`;
    if (check.status === 'pass') {
      body.push(`${open}/>`);
    } else {
      const child =
        check.status === 'fail' ? `<failure${attributes({ message: check.detail, type: 'policy' })}>${escapeXml(check.detail)}</failure>`
          : check.status === 'unknown' ? `<error${attributes({ message: `could not decide: ${check.detail}`, type: 'undecided' })}>${escapeXml(check.detail)}</error>`
            : `<skipped${attributes({ message: check.detail })}/>`;
      body.push(`${open}>${child}</testcase>`);
    }
  }
  body.push(`    <system-out>${escapeXml(formatTextReport(report))}</system-out>`);
  return document({
    name: `rdp-probe ${target}`,
    tests: verdict.checks.length,
    failures: verdict.checks.filter((c) => c.status === 'fail').length,
    errors: verdict.checks.filter((c) => c.status === 'unknown').length,
    skipped: verdict.checks.filter((c) => c.status === 'skipped').length,
    time: seconds(result.durationMs),
    timestamp: result.startedAt.replace(/\.\d+Z$/, ''),
  }, body);
}

/** Renders an endpoint failure as JUnit XML: one errored test case, so CI shows it next to policy failures. */
export function formatJunitFailure(failure: ProbeFailure): string {
  const target = formatTarget(failure.target);
  const name = `endpoint-reachable: ${target} answers as an RDP listener`;
  const body = [
    `    <testcase${attributes({ classname: `rdp-probe.${target}`, name, time: '0' })}><error${attributes({ message: failure.message, type: failure.problem })}>${escapeXml(failure.message)}</error></testcase>`,
  ];
  return document({ name: `rdp-probe ${target}`, tests: 1, failures: 0, errors: 1, skipped: 0, time: '0.000', timestamp: new Date().toISOString().replace(/\.\d+Z$/, '') }, body);
}
