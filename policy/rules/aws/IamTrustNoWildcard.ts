import { PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { blocks, isRecord, isUnresolved, list, str } from '../../values';

/** The principals of one statement as `Type:value` strings; `*` alone stands for the anonymous wildcard principal. */
function principals(statement: Record<string, unknown>): string[] {
  const p = statement.Principal;
  if (p === '*') return ['*'];
  if (!isRecord(p)) return [];
  return Object.entries(p).flatMap(([type, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${type}:${String(x)}`));
}

/**
 * No IAM role trust policy lets any principal assume the role: no `Principal: "*"` or
 * `{"AWS": "*"}` in an Allow statement (conditions do not make a wildcard trust reviewable).
 */
export default function IamTrustNoWildcard(resource: SynthResource, doc: PolicyDocument): RuleResult {
  if (resource.type !== 'aws_iam_role') return Compliance.NOT_APPLICABLE;
  const fromData = doc.dataSource(resource.body.assume_role_policy, resource);
  if (fromData) return judgeDocument(fromData, doc, resource);
  return judgeJson(str(resource.body.assume_role_policy, 'assume_role_policy'), 'assume_role_policy');
}

/** Judges a policy's JSON text; `what` names it in findings. No text trusts no one. */
function judgeJson(text: string | undefined, what: string): string[] {
  if (text === undefined) return [];
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    return [`${what} is not JSON`];
  }
  const statements = isRecord(policy) ? (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) : [];
  const findings: string[] = [];
  statements.forEach((s: unknown, i) => {
    if (!isRecord(s) || String(s.Effect ?? 'Allow') !== 'Allow') return;
    const wild = principals(s).filter((p) => p === '*' || /^AWS:\*$/.test(p) || /^AWS:arn:aws[\w-]*:iam::\*:/.test(p));
    if (wild.length > 0) findings.push(`Statement[${i}] lets ${wild.join(', ')} assume the role`);
  });
  return findings;
}

/**
 * Judges an `aws_iam_policy_document` data source. A plan records its rendered `json` (its statements merged
 * with its source and override documents): that is judged when readable. Otherwise (a configuration) its
 * `statement` blocks (`principals { type, identifiers }`) are, and so are the documents it merges:
 * `source_policy_documents` and `override_policy_documents`, as JSON text or another data source's `json`.
 */
function judgeDocument(data: Readonly<Record<string, unknown>>, doc: PolicyDocument, role: SynthResource): string[] {
  if (typeof data.json === 'string' && !isUnresolved(data.json)) return judgeJson(data.json, 'json');
  const findings: string[] = [];
  blocks(data.statement, 'statement').forEach((s, i) => {
    if (String(s.effect ?? 'Allow') !== 'Allow') return;
    for (const p of blocks(s.principals, `statement[${i}].principals`)) {
      const type = String(p.type);
      const ids = list(p.identifiers, `statement[${i}].principals.identifiers`).map(String);
      if (type === '*' || (type === 'AWS' && ids.some((id) => id === '*' || /^arn:aws[\w-]*:iam::\*:/.test(id)))) findings.push(`statement[${i}] lets ${type}:${ids.join(', ')} assume the role`);
    }
  });
  for (const key of ['source_policy_documents', 'override_policy_documents']) {
    list(data[key], key).forEach((text, i) => {
      const what = `${key}[${i}]`;
      const merged = doc.dataSource(text, role);
      const result = merged ? judgeDocument(merged, doc, role) : judgeJson(str(text, what), what);
      findings.push(...result.map((f) => `${what}: ${f}`));
    });
  }
  return findings;
}
