/**
 * Recovers script text from the places a plan carries it: plain strings, base64 literals,
 * `${base64encode("…")}` expressions (cdktf's `Fn.base64encode` over a literal), SSM document
 * JSON/YAML and Azure extension settings. Pure.
 */
import { isRecord, isUnresolved, unescapeTemplate } from '../values';

/** Decodes base64 text when it really is base64 of UTF-8 text; `undefined` otherwise. */
export function decodeBase64Text(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) ? undefined : text;
}

/** Unescapes the body of an HCL quoted string (`\"`, `\\`, `\n`, `\r`, `\t`, `\uXXXX`). */
function unescapeHclString(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    if (e === 'n') return '\n';
    if (e === 'r') return '\r';
    if (e === 't') return '\t';
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return e;
  });
}

/**
 * The text a value stands for: a literal string (template escapes undone), the argument of
 * `${base64encode("…")}`, or the decoded form of a base64 literal (taken as is: Terraform does not
 * template the decoded bytes). `undefined` when the text cannot be read from the document: a `file()`
 * call, a variable, a value known after apply, or a template that interpolates one (`…${var.x}…`,
 * `%{ if … }`): Terraform fills it in, so the script that runs is not the text written here.
 */
export function scriptText(value: unknown, base64 = false): string | undefined {
  if (typeof value !== 'string') return undefined;
  const wrapped = /^\$\{base64encode\("((?:[^"\\]|\\.)*)"\)\}$/s.exec(value);
  const template = wrapped ? unescapeHclString(wrapped[1]) : base64 ? undefined : value;
  if (template === undefined) return decodeBase64Text(value);
  return isUnresolved(template) ? undefined : unescapeTemplate(template);
}

/** Every string inside a JSON value, joined by new lines (script lines of an SSM document). */
function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (isRecord(value)) return Object.values(value).flatMap(stringLeaves);
  return [];
}

/**
 * The script text inside an SSM document's content (JSON or YAML: the `runCommand` lines of its
 * steps), or inside Custom Script extension settings (`commandToExecute`, `script`). Other JSON
 * falls back to every string in it, joined by new lines.
 */
export function embeddedScriptText(content: unknown): string | undefined {
  const text = scriptText(content);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return /^\s*runCommand\s*:/m.test(text) ? yamlRunCommands(text) : text;
  }
  const commands = runCommands(parsed);
  if (commands !== undefined) return commands;
  const session = sessionCommands(parsed);
  if (session !== undefined) return session ?? undefined;
  if (isRecord(parsed) && (parsed.commandToExecute !== undefined || parsed.script !== undefined)) {
    const parts: string[] = [];
    if (typeof parsed.script === 'string') parts.push(decodeBase64Text(parsed.script) ?? parsed.script);
    if (typeof parsed.commandToExecute === 'string') {
      const command = commandLineScript(parsed.commandToExecute);
      if (command === undefined) return undefined;
      parts.push(command);
    }
    return parts.join('\n');
  }
  return stringLeaves(parsed).map((s) => decodeBase64Text(s) ?? s).join('\n');
}

/**
 * The commands of a Session Manager `InteractiveCommands` / `NonInteractiveCommands` document
 * (`properties.windows.commands`, a string or a list of lines): `''` when it has none, `null` when they cannot be
 * read (then the document is unreadable, never empty), `undefined` for other content.
 */
function sessionCommands(doc: unknown): string | null | undefined {
  if (!isRecord(doc) || (doc.sessionType !== 'InteractiveCommands' && doc.sessionType !== 'NonInteractiveCommands')) return undefined;
  const windows = isRecord(doc.properties) && isRecord(doc.properties.windows) ? doc.properties.windows : undefined;
  const run = windows?.commands;
  if (typeof run === 'string') return run;
  if (Array.isArray(run) && run.every((l) => typeof l === 'string')) return run.join('\n');
  return run === undefined ? '' : null;
}

/** The `runCommand` lines of every step of an SSM document (schema 2.x `mainSteps`, 1.2 `runtimeConfig`). */
function runCommands(doc: unknown): string | undefined {
  if (!isRecord(doc)) return undefined;
  const steps = Array.isArray(doc.mainSteps) ? doc.mainSteps : isRecord(doc.runtimeConfig) ? Object.values(doc.runtimeConfig) : undefined;
  if (!steps) return undefined;
  const lines: string[] = [];
  for (const step of steps) {
    const inputs = isRecord(step) ? (isRecord(step.inputs) ? step.inputs : step.properties) : undefined;
    const list = Array.isArray(inputs) ? inputs.map((i) => (isRecord(i) ? i.runCommand : undefined)) : [isRecord(inputs) ? inputs.runCommand : undefined];
    for (const run of list) {
      if (typeof run === 'string') lines.push(run);
      else if (Array.isArray(run)) lines.push(...run.map((l) => (typeof l === 'string' ? l : '')));
    }
  }
  return lines.join('\n');
}

/** The `runCommand` list items of a YAML SSM document (quoted items, plain items, and `|` blocks). */
function yamlRunCommands(text: string): string {
  // YAML's line breaks: CRLF, LF and a lone CR (a line holding a lone CR must not swallow the items after it).
  const lines = text.split(/\r\n?|\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^(\s*)runCommand\s*:\s*(.*)$/s.exec(lines[i]);
    if (!head) continue;
    const indent = head[1].length;
    if (head[2].startsWith('|') || head[2].startsWith('>')) {
      const block = takeBlock(lines, i + 1, indent);
      out.push(...block.lines);
      i = block.end - 1;
      continue;
    }
    for (i = i + 1; i < lines.length; i++) {
      const item = /^(\s*)-\s?(.*)$/s.exec(lines[i]);
      if (!item || item[1].length < indent) break;
      const value = item[2];
      if (value.startsWith('|') || value.startsWith('>')) {
        const block = takeBlock(lines, i + 1, item[1].length);
        out.push(...block.lines);
        i = block.end - 1;
      } else if (/^'.*'$/s.test(value)) out.push(value.slice(1, -1).replace(/''/g, "'"));
      else if (/^".*"$/s.test(value)) out.push(unescapeHclString(value.slice(1, -1)));
      else out.push(value);
    }
    i--;
  }
  return out.join('\n');
}

function takeBlock(lines: string[], from: number, parentIndent: number): { lines: string[]; end: number } {
  const out: string[] = [];
  let indent: number | undefined;
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      out.push('');
      continue;
    }
    const own = /^\s*/.exec(line)![0].length;
    if (own <= parentIndent) break;
    indent ??= own;
    out.push(line.slice(Math.min(indent, own)));
  }
  return { lines: out, end: i };
}

/**
 * The PowerShell a command line runs: the text after `powershell … -Command`, the decoded
 * `-EncodedCommand` (UTF-16LE base64), or the command line itself; `undefined` for `-File` (a
 * script downloaded from `fileUris`, not in the document).
 */
export function commandLineScript(command: string): string | undefined {
  const m = /^\s*(?:[\w:\\.]*\\)?(?:powershell|pwsh)(?:\.exe)?\s+(.*)$/is.exec(command);
  if (!m) return command;
  const args = m[1];
  if (/(?:^|\s)-(?:f|file)\s/i.test(args) && !/(?:^|\s)-(?:c|command|e|ec|enc|encodedcommand)\s/i.test(args)) return undefined;
  const encoded = /(?:^|\s)-(?:e|ec|enc|encodedcommand)\s+([A-Za-z0-9+/=]+)/i.exec(args);
  if (encoded) return Buffer.from(encoded[1], 'base64').toString('utf16le');
  const cmd = /(?:^|\s)-(?:c|command)\s+([\s\S]*)$/i.exec(args);
  if (cmd) {
    const body = cmd[1].trim();
    return /^".*"$/s.test(body) ? body.slice(1, -1).replace(/\\"/g, '"') : /^'.*'$/s.test(body) ? body.slice(1, -1) : body;
  }
  return command;
}
