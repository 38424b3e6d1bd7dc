/**
 * Parses JUnit XML strictly (any well-formedness error throws) and checks the structure CI tools read:
 * `<testsuites>` > `<testsuite>` > `<testcase>`, with counts that match the test cases.
 */
import { DOMParser, Element } from '@xmldom/xmldom';

/** One test case as CI tools see it. */
export interface JunitCase {
  readonly name: string;
  readonly classname: string;
  readonly result: 'passed' | 'failure' | 'error' | 'skipped';
  readonly message?: string;
}

function children(element: Element, tag: string): Element[] {
  return Array.from(element.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === tag);
}

/** Parses `xml`, asserts consistent counts, and returns the test cases of its single suite. */
export function parseJunit(xml: string): { suite: Element; cases: JunitCase[] } {
  const doc = new DOMParser({ onError: (level, message) => { throw new Error(`invalid XML (${level}): ${message}`); } }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (!root || root.tagName !== 'testsuites') throw new Error(`root is ${root?.tagName}, expected testsuites`);
  const suites = children(root, 'testsuite');
  if (suites.length !== 1) throw new Error(`expected one testsuite, got ${suites.length}`);
  const suite = suites[0];
  const cases = children(suite, 'testcase').map((tc): JunitCase => {
    const outcome = ['failure', 'error', 'skipped'].find((tag) => children(tc, tag).length > 0) as JunitCase['result'] | undefined;
    const message = outcome ? children(tc, outcome)[0].getAttribute('message') ?? undefined : undefined;
    return { name: tc.getAttribute('name') ?? '', classname: tc.getAttribute('classname') ?? '', result: outcome ?? 'passed', ...(message ? { message } : {}) };
  });
  const count = (result: JunitCase['result']) => String(cases.filter((c) => c.result === result).length);
  const expected = { tests: String(cases.length), failures: count('failure'), errors: count('error'), skipped: count('skipped') };
  for (const [attribute, value] of Object.entries(expected)) {
    if (suite.getAttribute(attribute) !== value) throw new Error(`testsuite ${attribute}="${suite.getAttribute(attribute)}", but the cases say ${value}`);
    if (attribute !== 'skipped' && root.getAttribute(attribute) !== value) throw new Error(`testsuites ${attribute}="${root.getAttribute(attribute)}", but the cases say ${value}`);
  }
  if (!/^\d+\.\d{3}$/.test(suite.getAttribute('time') ?? '')) throw new Error(`testsuite time="${suite.getAttribute('time')}" is not seconds`);
  return { suite, cases };
}
