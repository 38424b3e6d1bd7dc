/**
 * cdktf 0.21 records a complete stack trace (`Error.stackTraceLimit = MAX_SAFE_INTEGER`, formatted to
 * strings) for every token it creates (Lazy, Intrinsic, references), only to print it as "Object
 * creation stack" if that token later fails to resolve. It has no switch for this: `new App({
 * stackTraces: false })` covers annotation metadata only. On a 500-host fleet the capture is about a
 * quarter of the synth's CPU time (docs/performance.md).
 *
 * The main job and the unit tests turn it off; nothing else changes (a failed resolution still names
 * the failing value; the job shows only the first line of such errors anyway). `RDP_HOSTS_DEBUG=1`
 * keeps the traces.
 */
interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

/** Makes cdktf's token constructors record an empty creation stack. Idempotent; returns false when the debug switch keeps the traces. */
export function disableTokenStackTraces(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.RDP_HOSTS_DEBUG === '1') return false;
  // The module whose export every token constructor calls at construction time (`(0, stack_trace_1.captureStackTrace)()`).
  // A literal path, so that the bundled synth (bin/synth-bundle.js) patches its own copy of cdktf.
  const module = require('cdktf/lib/tokens/private/stack-trace') as StackTraceModule;
  module.captureStackTrace = noStackTrace;
  return true;
}

function noStackTrace(): string[] {
  return [];
}
