/**
 * The report formats of `secure-rdp-hosts probe`: one formatter per format. Each format renders a
 * finished probe (verdict pass or fail) and an endpoint failure (exit code 2); their shared types
 * are in report-types.ts, so the format modules never import this file.
 */
import { formatJsonFailure, formatJsonReport } from './report-json';
import { formatJunitFailure, formatJunitReport } from './report-junit';
import { formatTextFailure, formatTextReport } from './report-text';
import { ReportFormat, ReportFormatter } from './report-types';

export { ProbeFailure, ProbeReport, REPORT_FORMATS, ReportFormat, ReportFormatter } from './report-types';

/** The formatter of each format. */
export const FORMATTERS: Readonly<Record<ReportFormat, ReportFormatter>> = {
  text: { report: formatTextReport, failure: formatTextFailure },
  json: { report: formatJsonReport, failure: formatJsonFailure },
  junit: { report: formatJunitReport, failure: formatJunitFailure },
};
