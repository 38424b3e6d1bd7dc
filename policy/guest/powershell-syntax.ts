/**
 * A small, synchronous PowerShell reader for the guest-script evaluator: a tokenizer and a parser
 * for the subset hardening scripts use (functions, `if`/`elseif`/`else`, `foreach`, `try`/`catch`/
 * `finally`, assignments, commands and pipelines, expressions with operators, casts, members,
 * indexes, arrays and hashtables). Anything else becomes an `opaque` statement that the evaluator
 * treats as unknown. Pure; never throws on input (a text it cannot read becomes opaque parts).
 *
 * Synchronous on purpose: the policy engine runs inside cdktf synth (an aspect's validation), which
 * cannot await the WebAssembly grammar; tests cross-check this reader against tree-sitter-powershell.
 */

/** A token of the script. */
export interface Token {
  /** `nl` (statement end), `str`, `xstr` (expandable string), `num`, `var`, `param` (`-Name` or an operator), `word`, or punctuation. */
  readonly kind: 'nl' | 'str' | 'xstr' | 'num' | 'var' | 'param' | 'word' | 'punct';
  /** The token's value: string contents, number text, variable name, parameter name (without `-`), punctuation. */
  readonly value: string;
  /** 1-based line. */
  readonly line: number;
  /** True when whitespace (or a line start) precedes it. */
  readonly spaced: boolean;
}

// The reader's tables are built on each call (per script for the punctuation), not at module load: a module-level
// table would make each entry a "static" mutant that reruns every test of the mutation group (docs/testing.md).

/** Splits script text into tokens. Comments, `<# … #>` blocks and line continuations are dropped. */
export function tokenize(text: string, unterminated: number[] = []): Token[] {
  const punctuation = ['@(', '@{', '$(', '::', '+=', '-=', '(', ')', '{', '}', '[', ']', ',', '|', '=', '&', '.', '+', '*', '/', '%', '!', '>', '<', ';'];
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let spaced = true;
  const push = (kind: Token['kind'], value: string, at: number) => {
    tokens.push({ kind, value, line: at, spaced });
    spaced = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      push('nl', '\n', line);
      line++;
      i++;
      spaced = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      spaced = true;
      continue;
    }
    if (c === '`' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      line++;
      spaced = true;
      continue;
    }
    if (c === '<' && text[i + 1] === '#') {
      const end = text.indexOf('#>', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      line += countLines(text.slice(i, stop));
      i = stop;
      spaced = true;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = line;
    if (c === '@' && (text[i + 1] === "'" || text[i + 1] === '"') && /^\r?\n/.test(text.slice(i + 2, i + 4))) {
      const quote = text[i + 1];
      const open = text.indexOf('\n', i) + 1;
      const close = text.indexOf(`\n${quote}@`, open - 1);
      const stop = close < 0 ? text.length : close;
      const body = text.slice(open, stop).replace(/\r$/, '');
      // Past the closing line break and quote-@ (past the text's end when there is none: the slice and the loop stop there).
      line += countLines(text.slice(i, stop + 3));
      i = stop + 3;
      push(quote === "'" ? 'str' : 'xstr', body, start);
      continue;
    }
    if (c === "'" || c === '\u2018' || c === '\u2019') {
      let value = '';
      let j = i + 1;
      while (j < text.length) {
        if (/['\u2018\u2019]/.test(text[j])) {
          if (/['\u2018\u2019]/.test(text[j + 1] ?? '')) {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      line += countLines(text.slice(i, j));
      if (j >= text.length) unterminated.push(start);
      i = j + 1;
      push('str', value, start);
      continue;
    }
    if (c === '"' || c === '\u201c' || c === '\u201d') {
      let value = '';
      let j = i + 1;
      let depth = 0;
      while (j < text.length) {
        const d = text[j];
        if (d === '`' && j + 1 < text.length) {
          value += d + text[j + 1];
          j += 2;
          continue;
        }
        if (d === '$' && text[j + 1] === '(') depth++;
        else if (d === ')' && depth > 0) depth--;
        else if (depth === 0 && /["\u201c\u201d]/.test(d)) {
          if (/["\u201c\u201d]/.test(text[j + 1] ?? '')) {
            value += '""';
            j += 2;
            continue;
          }
          break;
        }
        value += d;
        j++;
      }
      line += countLines(text.slice(i, j));
      if (j >= text.length) unterminated.push(start);
      i = j + 1;
      push('xstr', value, start);
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      const stop = end < 0 ? text.length : end;
      push('var', text.slice(i + 2, stop), start);
      i = stop + 1;
      continue;
    }
    if (c === '$' && /[\w:?^$_]/.test(text[i + 1] ?? '')) {
      const m = at(/\$(?:(?:global|script|local|private|env|using):)?(?:\w+|[?^$_])/iy, text, i)!;
      push('var', m[0].slice(1), start);
      i += m[0].length;
      continue;
    }
    if (spaced && /[1-6*]/.test(c) && text[i + 1] === '>') {
      // A stream redirection (`2>$null`, `2>>log`, `*>&1`): its stream number is no argument (read as one, `1>$null`
      // after a command gave it a value it does not have). A merge (`2>&1`) has no target: dropped whole.
      const merge = at(/[1-6*]>&[1-6]/y, text, i);
      i += merge ? merge[0].length : 1;
      continue;
    }
    // A number starts at a digit, or at a word start with `.` and a digit (`.5`; after `$x`, `.5` is a member): the
    // pattern below needs a digit or a `.` and a digit, so any other character at a word start falls through.
    if (spaced || /[0-9]/.test(c)) {
      const m = at(/(0x[0-9a-f]+|\d*\.?\d+(e[+-]?\d+)?)(kb|mb|gb|tb|pb|l|d)?(?=$|[\s;,)}\]|+*/%=<>-])/iy, text, i);
      if (m) {
        push('num', m[0], start);
        i += m[0].length;
        continue;
      }
    }
    if ((c === '-' || c === '\u2013' || c === '\u2014') && /[A-Za-z_?]/.test(text[i + 1] ?? '')) {
      const m = at(/[-\u2013\u2014]([A-Za-z_][\w-]*|\?)(:)?/y, text, i)!;
      push('param', m[1], start);
      i += m[0].length;
      if (m[2]) push('punct', ':', start);
      continue;
    }
    // Not spaced means a token was pushed before (at the text start `spaced` holds).
    if (c === '-' && /[0-9]/.test(text[i + 1] ?? '') && (spaced || isOperand(tokens[tokens.length - 1]) === false)) {
      const m = at(/-(0x[0-9a-f]+|\d*\.?\d+)/iy, text, i)!;
      push('num', m[0], start);
      i += m[0].length;
      continue;
    }
    const punct = punctuation.find((p) => text.startsWith(p, i));
    // An operator character at a word start before `\` or `/` begins a path (`.\tool.exe`, `//server/share/tool.exe`):
    // a word, not punctuation, as PowerShell reads it in command mode (brackets and separators never start a word).
    if (punct && !(spaced && /[\\/]/.test(text[i + 1] ?? ''))) {
      push('punct', punct, start);
      i += punct.length;
      continue;
    }
    if (c === '-' || c === '\u2013') {
      push('punct', '-', start);
      i++;
      continue;
    }
    const m = at(/[^\s;(){}|,'"`=[\]@&<>]+/y, text, i);
    if (m) {
      let word = m[0];
      // A member access inside a word (`Get-Item.Length` is rare; `$x.y` never reaches here): keep the whole word.
      if (word.includes('$')) word = word.slice(0, word.indexOf('$')) || word;
      push('word', word, start);
      i += word.length;
      continue;
    }
    push('punct', c, start);
    i++;
  }
  push('nl', '\n', line);
  return tokens;
}

/** Matches a sticky regular expression at `i` (no copy of the rest of the text). */
function at(re: RegExp, text: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(text);
}

function countLines(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === '\n') n++;
  return n;
}

function isOperand(t: Token): boolean {
  return t.kind === 'var' || t.kind === 'num' || t.kind === 'str' || t.kind === 'xstr' || (t.kind === 'punct' && (t.value === ')' || t.value === ']'));
}

// ---------------------------------------------------------------------------------------------
// Syntax tree

/** An expression. */
export type Expr =
  | { readonly t: 'str'; readonly value: string }
  | { readonly t: 'xstr'; readonly value: string; readonly line: number }
  | { readonly t: 'num'; readonly value: number }
  | { readonly t: 'var'; readonly name: string }
  | { readonly t: 'array'; readonly items: readonly Expr[] }
  | { readonly t: 'sub'; readonly body: readonly Stmt[] }
  | { readonly t: 'hash'; readonly entries: readonly (readonly [Expr, Stmt])[] }
  | { readonly t: 'block'; readonly body: readonly Stmt[]; readonly text: string }
  | { readonly t: 'cast'; readonly type: string; readonly expr: Expr }
  | { readonly t: 'type'; readonly type: string }
  | { readonly t: 'unary'; readonly op: string; readonly expr: Expr }
  | { readonly t: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly t: 'member'; readonly target: Expr; readonly name: string; readonly isStatic: boolean }
  | { readonly t: 'call'; readonly target: Expr; readonly name: string; readonly isStatic: boolean; readonly args: readonly Expr[] }
  | { readonly t: 'index'; readonly target: Expr; readonly index: Expr }
  | { readonly t: 'word'; readonly value: string }
  | { readonly t: 'bad'; readonly text: string };

/** A command argument: a named parameter (with or without a value) or a positional value. */
export type Arg = { readonly t: 'named'; readonly name: string; readonly value?: Expr } | { readonly t: 'pos'; readonly value: Expr };

/** One element of a pipeline: a command or an expression. */
export type PipeElement = { readonly t: 'cmd'; readonly name: string | Expr; readonly invoke: '' | '&' | '.'; readonly args: readonly Arg[] } | { readonly t: 'expr'; readonly expr: Expr };

/** A statement. */
export type Stmt =
  | { readonly t: 'function'; readonly name: string; readonly params: readonly Param[]; readonly body: readonly Stmt[]; readonly text: string; readonly line: number }
  | { readonly t: 'if'; readonly clauses: readonly { readonly cond: Stmt; readonly body: readonly Stmt[] }[]; readonly otherwise?: readonly Stmt[]; readonly line: number }
  | { readonly t: 'foreach'; readonly variable: string; readonly items: Stmt; readonly body: readonly Stmt[]; readonly line: number }
  | { readonly t: 'try'; readonly body: readonly Stmt[]; readonly catches: readonly (readonly Stmt[])[]; readonly final?: readonly Stmt[]; readonly line: number }
  | { readonly t: 'flow'; readonly kind: 'return' | 'exit' | 'throw' | 'break' | 'continue'; readonly value?: Stmt; readonly line: number }
  | { readonly t: 'assign'; readonly target: Expr; readonly op: string; readonly value: Stmt; readonly line: number }
  | { readonly t: 'pipeline'; readonly elements: readonly PipeElement[]; readonly line: number }
  | { readonly t: 'opaque'; readonly keyword: string; readonly text: string; readonly line: number };

/** A function parameter. */
export interface Param {
  readonly name: string;
  readonly type?: string;
  readonly default?: Expr;
}

/**
 * Syntax errors PowerShell would stop on before running anything: an unterminated string, or
 * brackets that do not pair up. Empty when none is found (the reader is lenient otherwise).
 */
export function syntaxErrors(text: string): string[] {
  const unterminated: number[] = [];
  return tokenErrors(tokenize(text, unterminated), unterminated);
}

/** Tokenizes and parses once: the statements, or the syntax errors that stop PowerShell. */
export function readScript(text: string): { statements: Stmt[]; errors: string[] } {
  const unterminated: number[] = [];
  const tokens = tokenize(text, unterminated);
  const errors = tokenErrors(tokens, unterminated);
  return { statements: errors.length > 0 ? [] : new Parser(tokens).statements(() => false), errors };
}

function tokenErrors(tokens: readonly Token[], unterminated: readonly number[]): string[] {
  const errors = unterminated.map((line) => `line ${line}: the string is not terminated`);
  const stack: Token[] = [];
  const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  for (const t of tokens) {
    if (t.kind !== 'punct') continue;
    if (['(', '{', '[', '@(', '@{', '$('].includes(t.value)) stack.push(t);
    else if (pairs[t.value]) {
      const open = stack.pop();
      if (!open || open.value.slice(-1) !== pairs[t.value]) {
        errors.push(`line ${t.line}: \`${t.value}\` closes ${open ? `\`${open.value}\` of line ${open.line}` : 'nothing'}`);
        return errors;
      }
    }
  }
  for (const open of stack) errors.push(`line ${open.line}: \`${open.value}\` is never closed`);
  return errors;
}

/** Parses a whole script. */
export function parseScript(text: string): Stmt[] {
  const tokens = tokenize(text);
  const parser = new Parser(tokens);
  return parser.statements(() => false);
}

/** True for a keyword (lower case) that starts a statement the reader leaves opaque. */
function isOpaqueKeyword(keyword: string): boolean {
  return ['while', 'do', 'for', 'switch', 'trap', 'filter', 'workflow', 'class', 'enum', 'data', 'begin', 'process', 'end', 'until', 'parallel', 'sequence', 'inlinescript', 'dynamicparam', 'configuration', 'using'].includes(keyword);
}

/** A comparison operator's name (`-eq`, `-ceq`, `-ieq` … without the dash): its optional `i`/`c` prefix and the operator, or null. */
function comparisonOperator(name: string): RegExpExecArray | null {
  return /^(i|c)?(eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split|join|is|isnot|as|band|bor|bxor|shl|shr)$/i.exec(name);
}

class Parser {
  private pos = 0;
  private noComma = false;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length) this.pos++;
    return t;
  }

  private isPunct(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.value === value;
  }

  private atEnd(): boolean {
    return this.pos >= this.tokens.length - 1;
  }

  private skipNewlines(): void {
    while (!this.atEnd() && (this.peek().kind === 'nl' || this.isPunct(';'))) this.pos++;
  }

  /** Statements until `stop()` holds (at a statement start) or the end. */
  statements(stop: () => boolean): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.atEnd() || stop()) return out;
      const before = this.pos;
      out.push(this.statement());
      if (this.pos === before) this.pos++;
    }
  }

  private block(): Stmt[] {
    if (!this.isPunct('{')) return [this.opaqueRest('block expected')];
    this.next();
    const body = this.statements(() => this.isPunct('}'));
    if (this.isPunct('}')) this.next();
    return body;
  }

  private peekPastNewlines(): Token {
    let i = 0;
    while (this.peek(i).kind === 'nl' && this.pos + i < this.tokens.length - 1) i++;
    return this.peek(i);
  }

  private skipToPastNewlines(): void {
    while (this.peek().kind === 'nl' && !this.atEnd()) this.pos++;
  }

  private statement(): Stmt {
    const t = this.peek();
    const line = t.line;
    const keyword = t.kind === 'word' ? t.value.toLowerCase() : '';
    if (keyword === 'function' || keyword === 'filter') return this.functionDef();
    if (keyword === 'if') return this.ifStatement();
    if (keyword === 'foreach' && (this.isPunct('(', 1))) return this.foreachStatement();
    if (keyword === 'try') return this.tryStatement();
    if (keyword === 'return' || keyword === 'exit' || keyword === 'throw' || keyword === 'break' || keyword === 'continue') {
      this.next();
      const value = this.peek().kind === 'nl' || this.isPunct(';') || this.isPunct('}') ? undefined : this.pipelineOrAssign();
      return { t: 'flow', kind: keyword, value, line };
    }
    if (isOpaqueKeyword(keyword) || keyword === 'param' || (t.kind === 'punct' && t.value === '{')) return this.opaqueRest(keyword || t.value);
    return this.pipelineOrAssign();
  }

  /** Consumes the rest of a statement (balanced brackets, and a following block) as opaque. */
  private opaqueRest(keyword: string): Stmt {
    const line = this.peek().line;
    const start = this.pos;
    let depth = 0;
    while (!this.atEnd()) {
      const t = this.peek();
      if (t.kind === 'punct' && ['(', '{', '[', '@(', '@{', '$('].includes(t.value)) depth++;
      else if (t.kind === 'punct' && [')', '}', ']'].includes(t.value)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (t.kind === 'nl' || (t.kind === 'punct' && t.value === ';'))) {
        const after = this.peekPastNewlines();
        if (!(after.kind === 'punct' && after.value === '{') && !(after.kind === 'word' && /^(while|until)$/i.test(after.value))) break;
      }
      this.next();
    }
    return { t: 'opaque', keyword, text: this.textOf(start, this.pos), line };
  }

  private textOf(from: number, to: number): string {
    return this.tokens
      .slice(from, to)
      .map((t) => (t.kind === 'str' ? `'${t.value}'` : t.kind === 'xstr' ? `"${t.value}"` : t.kind === 'var' ? `$${t.value}` : t.kind === 'param' ? `-${t.value}` : t.value))
      .join(' ');
  }

  private functionDef(): Stmt {
    const line = this.next().line;
    const nameTok = this.next();
    const name = nameTok.value.replace(/^(global|script|local|private):/i, '');
    const start = this.pos;
    let params: Param[] = [];
    if (this.isPunct('(')) params = this.paramList();
    this.skipToPastNewlines();
    if (!this.isPunct('{')) return { t: 'opaque', keyword: 'function', text: this.textOf(start, this.pos), line };
    this.next();
    this.skipNewlines();
    if (this.peek().kind === 'word' && /^param$/i.test(this.peek().value) && this.isPunct('(', 1)) {
      this.next();
      params = this.paramList();
    }
    while (this.isPunct('[') ) {
      // [CmdletBinding()] before param(): skip attributes.
      this.skipBracketed();
      this.skipNewlines();
      if (this.peek().kind === 'word' && /^param$/i.test(this.peek().value) && this.isPunct('(', 1)) {
        this.next();
        params = this.paramList();
      }
    }
    const body = this.statements(() => this.isPunct('}'));
    if (this.isPunct('}')) this.next();
    return { t: 'function', name, params, body, text: this.textOf(start, this.pos), line };
  }

  /**
   * Skips a `[ … ]` (type or attribute) with everything nested in it. Every bracket kind counts: an attribute like
   * `[ValidateSet(@('a'))]` opens `@(` and closes it with `)`, and counting only `[ ]` would read the rest of the
   * script as part of the attribute (and hide its writes).
   */
  private skipBracketed(): void {
    let depth = 0;
    do {
      const t = this.next();
      if (t.kind === 'punct' && ['[', '(', '{', '@(', '@{', '$('].includes(t.value)) depth++;
      else if (t.kind === 'punct' && [']', ')', '}'].includes(t.value)) depth--;
    } while (depth > 0 && !this.atEnd());
  }

  private paramList(): Param[] {
    this.next(); // (
    const params: Param[] = [];
    let type: string | undefined;
    while (!this.atEnd() && !this.isPunct(')')) {
      const t = this.peek();
      if (t.kind === 'punct' && t.value === '[') {
        const typeName = this.typeLiteral();
        if (!/^(parameter|validate|alias|allow|cmdletbinding)/i.test(typeName)) type = typeName;
        continue;
      }
      if (t.kind === 'var') {
        this.next();
        let def: Expr | undefined;
        if (this.isPunct('=')) {
          this.next();
          // The comma after a default separates parameters (`$A = 1, $B`): it does not make the default an array.
          const saved = this.noComma;
          this.noComma = true;
          def = this.expression();
          this.noComma = saved;
        }
        params.push({ name: t.value.toLowerCase(), type, default: def });
        type = undefined;
        continue;
      }
      this.next();
    }
    if (this.isPunct(')')) this.next();
    return params;
  }

  /** Reads `[Type]` or `[Attribute(...)]`; returns the type name. */
  private typeLiteral(): string {
    const start = this.pos;
    this.skipBracketed();
    const inner = this.tokens.slice(start + 1, this.pos - 1);
    if (inner.some((t) => t.kind === 'punct' && t.value === '(')) return inner[0].value;
    return inner.map((t) => t.value).join('');
  }

  private condition(): Stmt {
    this.skipToPastNewlines();
    if (!this.isPunct('(')) return this.opaqueRest('condition');
    this.next();
    this.skipToPastNewlines();
    const cond = this.pipelineOrAssign(true);
    this.skipToPastNewlines();
    if (this.isPunct(')')) this.next();
    this.skipToPastNewlines();
    return cond;
  }

  private ifStatement(): Stmt {
    const line = this.next().line;
    const clauses: { cond: Stmt; body: Stmt[] }[] = [];
    const cond = this.condition();
    clauses.push({ cond, body: this.block() });
    let otherwise: Stmt[] | undefined;
    for (;;) {
      const after = this.peekPastNewlines();
      if (after.kind !== 'word') break;
      const kw = after.value.toLowerCase();
      if (kw === 'elseif') {
        this.skipToPastNewlines();
        this.next();
        const c = this.condition();
        clauses.push({ cond: c, body: this.block() });
        continue;
      }
      if (kw === 'else') {
        this.skipToPastNewlines();
        this.next();
        this.skipToPastNewlines();
        otherwise = this.block();
      }
      break;
    }
    return { t: 'if', clauses, otherwise, line };
  }

  private foreachStatement(): Stmt {
    const line = this.next().line;
    this.next(); // (
    const v = this.next();
    if (v.kind !== 'var' || !(this.peek().kind === 'word' && this.peek().value.toLowerCase() === 'in')) {
      this.pos -= 2;
      return this.opaqueRest('foreach');
    }
    this.next(); // in
    const items = this.pipelineOrAssign(true);
    if (this.isPunct(')')) this.next();
    this.skipToPastNewlines();
    return { t: 'foreach', variable: v.value.toLowerCase(), items, body: this.block(), line };
  }

  private tryStatement(): Stmt {
    const line = this.next().line;
    this.skipToPastNewlines();
    const body = this.block();
    const catches: Stmt[][] = [];
    let final: Stmt[] | undefined;
    for (;;) {
      const after = this.peekPastNewlines();
      if (after.kind !== 'word') break;
      const kw = after.value.toLowerCase();
      if (kw === 'catch') {
        this.skipToPastNewlines();
        this.next();
        while (this.isPunct('[') || this.isPunct(',')) {
          if (this.isPunct(',')) this.next();
          else this.typeLiteral();
        }
        this.skipToPastNewlines();
        catches.push(this.block());
        continue;
      }
      if (kw === 'finally') {
        this.skipToPastNewlines();
        this.next();
        this.skipToPastNewlines();
        final = this.block();
      }
      break;
    }
    return { t: 'try', body, catches, final, line };
  }

  /** An assignment or a pipeline; inside parentheses (`nested`) newlines do not end it. */
  private pipelineOrAssign(nested = false): Stmt {
    const line = this.peek().line;
    const start = this.pos;
    const first = this.peek();
    if (first.kind === 'var' || (first.kind === 'punct' && first.value === '[')) {
      const target = this.tryAssignTarget();
      if (target && (this.isPunct('=') || this.isPunct('+=') || this.isPunct('-='))) {
        const op = this.next().value;
        this.skipToPastNewlines();
        const next = this.peek();
        const keyword = next.kind === 'word' && /^(if|foreach|switch|try|while|for|do|function|filter)$/i.test(next.value);
        const value = keyword ? this.statement() : this.pipelineOrAssign(nested);
        return { t: 'assign', target, op, value, line };
      }
      this.pos = start;
    }
    const elements: PipeElement[] = [];
    for (;;) {
      elements.push(this.pipeElement(nested));
      if (nested) this.skipToPastNewlines();
      if (this.isPunct('|')) {
        this.next();
        this.skipToPastNewlines();
        continue;
      }
      break;
    }
    if (!nested && !this.endOfStatement()) {
      // The rest of the statement, read as opaque: its text is the whole statement's (from `start`), said once.
      this.opaqueRest('unparsed');
      return { t: 'opaque', keyword: 'unparsed', text: this.textOf(start, this.pos), line };
    }
    return { t: 'pipeline', elements, line };
  }

  private endOfStatement(): boolean {
    const t = this.peek();
    return t.kind === 'nl' || (t.kind === 'punct' && (t.value === ';' || t.value === '}' || t.value === ')')) || this.atEnd();
  }

  private tryAssignTarget(): Expr | undefined {
    let cast: string | undefined;
    if (this.isPunct('[')) {
      cast = this.typeLiteral();
      if (this.peek().kind !== 'var') return undefined;
    }
    const v = this.next();
    let target: Expr = { t: 'var', name: v.value };
    for (;;) {
      if (this.isPunct('.') && !this.peek().spaced && this.peek(1).kind === 'word') {
        this.next();
        target = { t: 'member', target, name: this.next().value, isStatic: false };
        continue;
      }
      if (this.isPunct('[') && !this.peek().spaced) {
        this.next();
        const index = this.expression();
        if (this.isPunct(']')) this.next();
        target = { t: 'index', target, index };
        continue;
      }
      break;
    }
    return cast !== undefined && target.t === 'var' ? { t: 'cast', type: cast, expr: target } : target;
  }

  private pipeElement(nested: boolean): PipeElement {
    const t = this.peek();
    if (t.kind === 'word' && !/^\d/.test(t.value)) return this.command('', nested);
    if (t.kind === 'punct' && (t.value === '&' || t.value === '.') ) {
      this.next();
      return this.command(t.value, nested);
    }
    return { t: 'expr', expr: this.expression() };
  }

  private command(invoke: '' | '&' | '.', nested: boolean): PipeElement {
    let name: string | Expr;
    const t = this.peek();
    if (t.kind === 'word') name = this.next().value;
    else name = this.primary();
    const args: Arg[] = [];
    for (;;) {
      if (nested) this.skipToPastNewlines();
      const a = this.peek();
      if (a.kind === 'nl' || this.atEnd()) break;
      if (a.kind === 'punct' && [';', '|', ')', '}'].includes(a.value)) break;
      if (a.kind === 'punct' && (a.value === '>' || a.value === '<')) {
        // redirection: skip operator and target
        this.next();
        if (this.isPunct('>')) this.next();
        if (!this.endOfStatement()) this.primary();
        continue;
      }
      if (a.kind === 'param') {
        this.next();
        if (this.isPunct(':')) {
          this.next();
          args.push({ t: 'named', name: a.value, value: this.commandValue() });
        } else args.push({ t: 'named', name: a.value });
        continue;
      }
      args.push({ t: 'pos', value: this.commandValue() });
    }
    return { t: 'cmd', name, invoke, args };
  }

  /** A command argument value: a primary, or several joined by commas (an array). */
  private commandValue(): Expr {
    const items = [this.argPrimary()];
    while (this.isPunct(',')) {
      this.next();
      this.skipToPastNewlines();
      items.push(this.argPrimary());
    }
    return items.length === 1 ? items[0] : { t: 'array', items };
  }

  private argPrimary(): Expr {
    const t = this.peek();
    if (t.kind === 'word' || (t.kind === 'punct' && ['=', '+', '*', '/', '%', '!', '-', ':', '.'].includes(t.value))) {
      // Bareword argument: glue adjacent non-spaced tokens (e.g. /lockoutthreshold:5, C:\x.exe).
      let value = this.next().value;
      while (!this.peek().spaced && (this.peek().kind === 'word' || this.peek().kind === 'num' || (this.peek().kind === 'punct' && [':', '.', '=', '-', '+', '/'].includes(this.peek().value)))) value += this.next().value;
      return { t: 'word', value };
    }
    if (t.kind === 'num' && !this.peek(1).spaced && this.peek(1).kind === 'word') {
      let value = this.next().value;
      while (!this.peek().spaced && (this.peek().kind === 'word' || this.peek().kind === 'num')) value += this.next().value;
      return { t: 'word', value };
    }
    return this.postfix(this.primary());
  }

  // -- expressions --------------------------------------------------------------------------

  expression(): Expr {
    return this.logical();
  }

  private logical(): Expr {
    let left = this.comparison();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'param' && /^(and|or|xor)$/i.test(t.value)) {
        this.next();
        this.skipToPastNewlines();
        left = { t: 'binary', op: t.value.toLowerCase(), left, right: this.comparison() };
        continue;
      }
      return left;
    }
  }

  private comparison(): Expr {
    let left = this.additive();
    for (;;) {
      const t = this.peek();
      const op = t.kind === 'param' ? comparisonOperator(t.value) : null;
      if (op) {
        this.next();
        this.skipToPastNewlines();
        const right = this.additive();
        // `-ieq` is `-eq`; a case-sensitive `-ceq` keeps its prefix (the evaluator compares case-insensitively, so it
        // cannot tell `-ceq` and makes it unknown); `-contains` and `-isnot` keep their first letter.
        left = { t: 'binary', op: `${op[1]?.toLowerCase() === 'c' ? 'c' : ''}${op[2].toLowerCase()}`, left, right };
        continue;
      }
      return left;
    }
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (;;) {
      if (this.isPunct('+') || this.isPunct('-')) {
        const op = this.next().value;
        this.skipToPastNewlines();
        left = { t: 'binary', op, left, right: this.multiplicative() };
        continue;
      }
      if (this.peek().kind === 'num' && this.peek().value.startsWith('-')) {
        // `$a -1` lexed as a negative number: a subtraction.
        const n = this.next();
        left = { t: 'binary', op: '-', left, right: { t: 'num', value: Number(n.value.slice(1)) } };
        continue;
      }
      return left;
    }
  }

  private multiplicative(): Expr {
    let left = this.arrayExpr();
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('%')) {
      const op = this.next().value;
      left = { t: 'binary', op, left, right: this.arrayExpr() };
    }
    return left;
  }

  private arrayExpr(): Expr {
    const first = this.unary();
    if (!this.isPunct(',') || this.noComma) return first;
    const items = [first];
    while (this.isPunct(',')) {
      this.next();
      this.skipToPastNewlines();
      items.push(this.unary());
    }
    return { t: 'array', items };
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'param' && /^(not|bnot|split|join)$/i.test(t.value)) {
      this.next();
      return { t: 'unary', op: t.value.toLowerCase(), expr: this.unary() };
    }
    if (t.kind === 'punct' && (t.value === '!' || t.value === '-' || t.value === '+')) {
      this.next();
      return { t: 'unary', op: t.value === '!' ? 'not' : t.value, expr: this.unary() };
    }
    if (t.kind === 'punct' && t.value === '[') {
      const type = this.typeLiteral();
      if (this.isPunct('::')) return this.postfix({ t: 'type', type });
      if (this.endOfExpression()) return { t: 'type', type };
      return { t: 'cast', type, expr: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private endOfExpression(): boolean {
    const t = this.peek();
    return t.kind === 'nl' || (t.kind === 'param' && (comparisonOperator(t.value) !== null || /^(and|or|xor)$/i.test(t.value))) || (t.kind === 'punct' && [')', '}', ']', ';', ',', '|', '='].includes(t.value));
  }

  private postfix(target: Expr): Expr {
    for (;;) {
      const t = this.peek();
      if (t.kind === 'punct' && (t.value === '.' || t.value === '::') && !t.spaced && (this.peek(1).kind === 'word' || this.peek(1).kind === 'var' || this.peek(1).kind === 'str')) {
        this.next();
        const nameTok = this.next();
        // A word may hold dots: `$c.a.b` arrives as `.` and the word `a.b`, a member of a member (`$c.'a.b'` is one name).
        const parts = nameTok.kind === 'word' ? nameTok.value.split('.') : [nameTok.value];
        if (parts.includes('')) {
          target = { t: 'bad', text: `${t.value}${nameTok.value}` };
          continue;
        }
        for (const [i, part] of parts.slice(0, -1).entries()) target = { t: 'member', target, name: part, isStatic: i === 0 && t.value === '::' };
        const name = parts[parts.length - 1];
        const isStatic = parts.length === 1 && t.value === '::';
        if (this.isPunct('(') && !this.peek().spaced) {
          this.next();
          this.skipToPastNewlines();
          const args: Expr[] = [];
          while (!this.atEnd() && !this.isPunct(')')) {
            const saved = this.noComma;
            this.noComma = true;
            args.push(this.expression());
            this.noComma = saved;
            this.skipToPastNewlines();
            if (this.isPunct(',')) this.next();
            // Arguments are separated by commas (`.M(1 2)` is refused).
            else if (!this.isPunct(')')) args.push({ t: 'sub', body: [this.unparsedUpTo(')')] });
            this.skipToPastNewlines();
          }
          if (this.isPunct(')')) this.next();
          target = { t: 'call', target, name, isStatic, args };
        } else target = { t: 'member', target, name, isStatic };
        continue;
      }
      if (t.kind === 'punct' && t.value === '[' && !t.spaced) {
        this.next();
        // A comma inside the brackets makes a list of indexes, also in a method argument or a parameter default.
        const saved = this.noComma;
        this.noComma = false;
        let index = this.expression();
        this.noComma = saved;
        // An index is one expression (`$a[0 1]` is refused).
        if (!this.isPunct(']')) index = { t: 'sub', body: [this.unparsedUpTo(']')] };
        if (this.isPunct(']')) this.next();
        target = { t: 'index', target, index };
        continue;
      }
      return target;
    }
  }

  private primary(): Expr {
    const saved = this.noComma;
    this.noComma = false;
    try {
      return this.primaryInner();
    } finally {
      this.noComma = saved;
    }
  }

  private primaryInner(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'str':
        return { t: 'str', value: t.value };
      case 'xstr':
        return { t: 'xstr', value: t.value, line: t.line };
      case 'num':
        return { t: 'num', value: parseNumber(t.value) };
      case 'var':
        return { t: 'var', name: t.value };
      case 'word':
        return { t: 'word', value: t.value };
      case 'param':
        return { t: 'word', value: `-${t.value}` };
      case 'nl':
        this.pos--;
        return { t: 'bad', text: 'end of line' };
    }
    if (t.value === '(') {
      this.skipToPastNewlines();
      const inner = this.pipelineOrAssign(true);
      this.skipToPastNewlines();
      // Parentheses hold one pipeline (`(a; b)` and `(1 2)` are refused).
      const rest = this.isPunct(')') ? undefined : this.unparsedUpTo(')');
      if (this.isPunct(')')) this.next();
      if (rest) return { t: 'sub', body: [inner, rest] };
      return inner.t === 'pipeline' && inner.elements.length === 1 && inner.elements[0].t === 'expr' ? inner.elements[0].expr : { t: 'sub', body: [inner] };
    }
    if (t.value === '$(' || t.value === '@(') {
      const body = this.statements(() => this.isPunct(')'));
      if (this.isPunct(')')) this.next();
      return t.value === '@(' ? { t: 'unary', op: '@', expr: { t: 'sub', body } } : { t: 'sub', body };
    }
    if (t.value === '@{') return this.hashtable();
    if (t.value === '{') {
      const start = this.pos - 1;
      const body = this.statements(() => this.isPunct('}'));
      if (this.isPunct('}')) this.next();
      return { t: 'block', body, text: this.textOf(start, this.pos) };
    }
    return { t: 'bad', text: t.value };
  }

  /**
   * The rest of a bracket up to its `close`, when it holds more than PowerShell allows there: PowerShell refuses the
   * whole script and runs none of it. Read as an opaque statement, so the evaluator does not trust what the script
   * seems to write (it would otherwise read the first value and take the rest as more arguments or statements).
   */
  private unparsedUpTo(close: string): Stmt {
    const start = this.pos;
    const line = this.peek().line;
    this.statements(() => this.isPunct(close));
    return { t: 'opaque', keyword: 'unparsed', text: this.textOf(start, this.pos), line };
  }

  private hashtable(): Expr {
    const entries: [Expr, Stmt][] = [];
    for (;;) {
      this.skipNewlines();
      if (this.atEnd() || this.isPunct('}')) break;
      const k = this.peek();
      const from = this.pos;
      let key: Expr;
      if (k.kind === 'word' || k.kind === 'num') {
        this.next();
        key = { t: 'str', value: k.value };
      } else key = this.primary();
      if (!this.isPunct('=')) {
        // An entry without `=`: opaque, with the entry's text for the reason a reviewer reads.
        this.opaqueRest('hashtable');
        entries.push([key, { t: 'opaque', keyword: 'hashtable', text: this.textOf(from, this.pos), line: k.line }]);
        continue;
      }
      this.next();
      this.skipToPastNewlines();
      entries.push([key, this.pipelineOrAssign()]);
    }
    if (this.isPunct('}')) this.next();
    return { t: 'hash', entries };
  }
}

/** Reads a PowerShell number literal (`42`, `0x1F`, `1kb`, `-3`). */
export function parseNumber(text: string): number {
  const m = /^(-)?(0x[0-9a-f]+|\d*\.?\d+(?:e[+-]?\d+)?)(kb|mb|gb|tb|pb|l|d)?$/i.exec(text);
  if (!m) return NaN;
  // Number() reads decimals, exponents and `0x` hexadecimal alike.
  let n = Number(m[2]);
  const mult: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };
  if (m[3] && mult[m[3].toLowerCase()]) n *= mult[m[3].toLowerCase()];
  return m[1] ? -n : n;
}
