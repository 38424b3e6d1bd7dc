/**
 * User text reaches Terraform as that text. Terraform evaluates `${…}` (interpolation) and `%{…}`
 * (template directives) inside every JSON string of a configuration, so a tag value
 * `${file("secrets.txt")}` would be read from disk at plan time. Literal text escapes both:
 * `$${` and `%%{` are Terraform's own escapes for a literal `${` and `%{`.
 */
import { Token } from 'cdktf';
import { RdpValidationError, showValue } from './errors';

/**
 * The text as a Terraform literal: `${` → `$${`, `%{` → `%%{`. A value that holds a cdktf token (a
 * reference a construct made on purpose, e.g. another resource's ID) is returned unchanged: its
 * `${…}` is meant to be evaluated.
 * @param value plain text, e.g. a tag value or a banner
 */
export function terraformLiteral<T extends string | undefined>(value: T): T {
  if (value === undefined || Token.isUnresolved(value)) return value;
  // Replacement functions: in a replacement string, `$$` would itself mean one `$`.
  return value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{') as T;
}

/** Tags with every key and value made literal (see {@link terraformLiteral}). */
export function terraformLiteralTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [terraformLiteral(k), terraformLiteral(v)]));
}

/**
 * Refuses cdktf token syntax (`${TfToken[TOKEN.1]}`) in text that comes from outside the program,
 * such as a configuration file: cdktf would silently replace it with whatever object the token
 * number happens to name.
 * @throws RdpValidationError naming `field`
 */
export function checkNoTokenSyntax(value: string, field: string): void {
  if (Token.isUnresolved(value)) {
    throw new RdpValidationError(field, value, `contains cdktf token syntax, got ${showValue(value)}. Configuration text is taken literally: remove the \${TfToken[…]} part.`);
  }
}
