/**
 * What the report formats of `secure-rdp-hosts probe` are given and promise: the types every format
 * module (report-text, report-json, report-junit) implements, apart from report.ts, which picks one.
 */
import { ProbeResult } from './probe';
import { EndpointProblem, ProbeTarget } from './transport';
import { Verdict } from './verdict';

/** A finished probe and its verdict. */
export interface ProbeReport {
  /** What the probe saw. */
  readonly result: ProbeResult;
  /** How it was judged. */
  readonly verdict: Verdict;
}

/** A probe that could not run: unreachable, silent or not RDP. */
export interface ProbeFailure {
  /** The endpoint. */
  readonly target: ProbeTarget;
  /** The kind of problem. */
  readonly problem: EndpointProblem;
  /** The full message (also printed on stderr). */
  readonly message: string;
}

/** Output formats. */
export const REPORT_FORMATS = ['text', 'json', 'junit'] as const;

/** An output format name. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Renders reports in one format. */
export interface ReportFormatter {
  /** A finished probe. */
  report(report: ProbeReport): string;
  /** An endpoint failure; `undefined` when the format prints nothing on stdout for it. */
  failure(failure: ProbeFailure): string | undefined;
}
