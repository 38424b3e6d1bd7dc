/**
 * Baselines for the reviewer workflow: a previous report (SARIF from `--format sarif`, or the JSON
 * report) lists the findings already known; a review against it fails only on findings whose
 * fingerprint (stack, rule, resource: see `fingerprint` in engine.ts) is new, and lists the
 * baseline findings that are gone (fixed). Pure: the caller reads the file.
 */
import { isRecord } from '../values';

/** One finding of a baseline. */
export interface BaselineFinding {
  /** Stable fingerprint. */
  readonly fingerprint: string;
  /** Rule ID. */
  readonly ruleId: string;
  /** Stack, when the baseline says. */
  readonly stack?: string;
  /** Resource address, when the baseline says. */
  readonly address?: string;
}

/** A parsed baseline. */
export interface Baseline {
  /** Where it was read from. */
  readonly source: string;
  /** Its open findings (suppressed ones are left out: they are not failures either way). */
  readonly findings: readonly BaselineFinding[];
}

/** Thrown when a baseline file is neither this tool's SARIF nor its JSON report. */
export class BaselineError extends Error {}

const SARIF_KEY = 'rdpPolicyFinding/v1';

/** Reads a baseline from the text of a SARIF log or a JSON report written by `check`. */
export function parseBaseline(text: string, source: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${source}: the baseline is not JSON (${(err as Error).message}); pass a report written by \`check --format sarif\` or \`--format json\`.`);
  }
  if (isRecord(json) && Array.isArray(json.runs)) {
    const findings = json.runs.filter(isRecord).flatMap((run) =>
      (Array.isArray(run.results) ? run.results.filter(isRecord) : [])
        .filter((r) => !Array.isArray(r.suppressions) || r.suppressions.length === 0)
        .map((r) => {
          const fp = isRecord(r.partialFingerprints) ? r.partialFingerprints[SARIF_KEY] : undefined;
          const props = isRecord(r.properties) ? r.properties : {};
          const location = Array.isArray(r.locations) && isRecord(r.locations[0]) && Array.isArray(r.locations[0].logicalLocations) ? r.locations[0].logicalLocations[0] : undefined;
          return { fingerprint: String(fp ?? ''), ruleId: String(r.ruleId ?? ''), stack: typeof props.stack === 'string' ? props.stack : undefined, address: isRecord(location) && typeof location.fullyQualifiedName === 'string' ? location.fullyQualifiedName : undefined };
        })
        .filter((f) => f.fingerprint !== ''),
    );
    return { source, findings };
  }
  if (isRecord(json) && Array.isArray(json.outcomes)) {
    const findings = json.outcomes
      .filter(isRecord)
      .filter((o) => o.compliance !== 'compliant' && !o.suppression && typeof o.fingerprint === 'string')
      .map((o) => ({ fingerprint: String(o.fingerprint), ruleId: String(o.ruleId), stack: String(o.stack), address: String(o.address) }));
    return { source, findings };
  }
  throw new BaselineError(`${source}: not a baseline: expected a SARIF log (\`runs\`) or a JSON report (\`outcomes\`) written by \`secure-rdp-hosts check\`.`);
}
