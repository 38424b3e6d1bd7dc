import { DocumentKind, PolicyDocument } from '../../document';
import { SynthResource } from '../../resource';
import { Compliance, RuleResult } from '../../types';
import { blocks, isRecord, isUnresolved, list, str, UnresolvedValueError } from '../../values';

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
  if (fromData) return judgeDocument(fromData);
  const text = str(resource.body.assume_role_policy, 'assume_role_policy');
  if (text === undefined) return Compliance.COMPLIANT;
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    if (isUnresolved(text)) throw new UnresolvedValueError('assume_role_policy', text);
    return [`assume_role_policy is not JSON`];
  }
  const statements = isRecord(policy) ? (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) : [];
  const findings: string[] = [];
  statements.filter(isRecord).forEach((s, i) => {
    if (String(s.Effect ?? 'Allow') !== 'Allow') return;
    const wild = principals(s).filter((p) => p === '*' || /^AWS:\*$/.test(p) || /^AWS:arn:aws[\w-]*:iam::\*:/.test(p));
    if (wild.length > 0) findings.push(`Statement[${i}] lets ${wild.join(', ')} assume the role`);
  });
  return findings;
}

/** Judges an `aws_iam_policy_document` data source's `statement` blocks (`principals { type, identifiers }`). */
function judgeDocument(data: Readonly<Record<string, unknown>>): RuleResult {
  if (typeof data.json === 'string' && !isUnresolved(data.json) && data.statement === undefined) {
    return IamTrustNoWildcardJson(data.json);
  }
  const findings: string[] = [];
  blocks(data.statement, 'statement').forEach((s, i) => {
    if (String(s.effect ?? 'Allow') !== 'Allow') return;
    for (const p of blocks(s.principals, `statement[${i}].principals`)) {
      const type = String(p.type);
      const ids = list(p.identifiers, `statement[${i}].principals.identifiers`).map(String);
      if (type === '*' || (type === 'AWS' && ids.some((id) => id === '*' || /^arn:aws[\w-]*:iam::\*:/.test(id)))) findings.push(`statement[${i}] lets ${type}:${ids.join(', ')} assume the role`);
    }
  });
  return findings;
}

function IamTrustNoWildcardJson(text: string): RuleResult {
  return IamTrustNoWildcard({ type: 'aws_iam_role', name: 'data', address: 'data', modulePrefix: '', body: { assume_role_policy: text }, suppressions: [], invalidSuppressions: [] }, new PolicyDocument({ stack: '', source: '', kind: DocumentKind.CONFIGURATION, resources: [] }));
}

