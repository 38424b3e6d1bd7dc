/** The configuration validator's problems, for tests that assert which fields a configuration gets wrong. */
import { RdpValidationErrors } from '../../constructs';
import { validateConfig } from '../../stacks/config/load-config';

/** Every problem validation reports for `config` (both phases), as `field` and full message; empty when it is valid. */
export function problemsOf(config: unknown, env: NodeJS.ProcessEnv = {}): { field: string; message: string }[] {
  try {
    validateConfig(config, env);
  } catch (e) {
    if (e instanceof RdpValidationErrors) return e.errors.map((err) => ({ field: err.field, message: err.message }));
    throw e;
  }
  return [];
}

/** Asserts that validation reports `field`, with a message matching `message`. */
export function expectProblem(config: unknown, field: string, message: RegExp): void {
  const problems = problemsOf(config);
  expect(problems.map((p) => p.field)).toContain(field);
  expect(problems.find((p) => p.field === field)?.message).toMatch(message);
}
