/**
 * A small control-flow simulator for the rendered hardening script, on the tree-sitter PowerShell AST.
 * There is no PowerShell runtime on the build machines, so this is how tests prove what the script
 * does when a step fails: it walks statements, try/catch/finally, if/else, throw, return and exit,
 * and treats every command or method call as an opaque step that may fail.
 *
 * Model (single fault): on each simulated path at most one step fails (throws); every condition the
 * simulator cannot evaluate is explored both ways, and a value returned by a step is an unknown
 * boolean whose first test fixes it for the rest of the path. An error that escapes the script ends
 * it with exit code 1, as `powershell.exe -File` does for a terminating error. What the simulator does
 * not prove: what a step does inside Windows (a cmdlet's effect, a .NET call), and anything about
 * loops (`for`, `foreach`, `while` bodies are steps).
 */
import { Node } from 'web-tree-sitter';
import { powerShellParser } from './powershell-parser';

/** One thing that happened on a path, in order. */
export type FlowEvent =
  | { readonly kind: 'step'; readonly name: string; readonly text: string; readonly line: number; readonly failed: boolean }
  | { readonly kind: 'condition'; readonly text: string; readonly value: boolean; readonly line: number }
  | { readonly kind: 'throw'; readonly text: string; readonly line: number };

/** One simulated run. */
export interface FlowPath {
  /** Steps, conditions and throws, in the order they happened. */
  readonly events: readonly FlowEvent[];
  /** The step made to fail on this path, if any. */
  readonly failedStep: string | undefined;
  /** Whether anything threw (the injected failure or a `throw` statement). */
  readonly raised: boolean;
  /** How the path ended: `exit N`, a `return` from the simulated function, the end of the text, or an escaping error. */
  readonly end: { readonly kind: 'exit'; readonly code: number } | { readonly kind: 'return' } | { readonly kind: 'end' } | { readonly kind: 'uncaught' };
  /** The exit code the process would report (`exit N`; 1 for an escaping error; 0 otherwise). */
  readonly exitCode: number;
}

/** Names of the steps on a path, in order (the failed one included). */
export function stepNames(path: FlowPath): string[] {
  return path.events.flatMap((e) => (e.kind === 'step' ? [e.name] : []));
}

type Value = number | boolean | string | { readonly unknown: number } | undefined;

class Thrown {}
class Exited {
  constructor(public readonly code: number) {}
}
class Returned {}

/** Parses `script` and returns the statement list of its top level (function definitions are skipped when simulated). */
export async function scriptRoot(script: string): Promise<Node> {
  const parser = await powerShellParser();
  const tree = parser.parse(script);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const list = tree.rootNode.namedChildren.find((c) => c?.type === 'statement_list');
  if (!list) throw new Error('the script has no statements');
  return list;
}

/** The statement list of `function <name>` in the script. */
export async function functionBody(script: string, name: string): Promise<Node> {
  const root = await scriptRoot(script);
  const fn = root.namedChildren.find((c) => c?.type === 'function_statement' && c.namedChildren.find((n) => n?.type === 'function_name')?.text === name);
  if (!fn) throw new Error(`no function ${name} in the script`);
  const list = fn.descendantsOfType('script_block_body')[0]?.childForFieldName('statement_list');
  if (!list) throw new Error(`function ${name} has an empty body`);
  return list;
}

/**
 * Every path through `statements` under the single-fault model: the path without a failure and, for each
 * step of each path, the path where that step fails; each with every combination of unknown conditions.
 */
export function simulate(statements: Node, initial: Readonly<Record<string, Value>> = {}): FlowPath[] {
  const paths: FlowPath[] = [];
  for (let failAt = -1; ; failAt++) {
    let anyReached = false;
    for (const path of explore(statements, initial, failAt)) {
      if (failAt === -1 || path.failedStep !== undefined) paths.push(path);
      if (path.failedStep !== undefined) anyReached = true;
    }
    if (failAt >= 0 && !anyReached) return paths;
    if (failAt > 5000) throw new Error('the simulation does not terminate');
  }
}

/** All combinations of unknown conditions for one failure position. */
function explore(statements: Node, initial: Readonly<Record<string, Value>>, failAt: number): FlowPath[] {
  const results: FlowPath[] = [];
  let choices: boolean[] = [];
  for (;;) {
    const run = new Run(choices, failAt, initial);
    results.push(run.execute(statements));
    const used = run.choicesUsed;
    let i = used.length - 1;
    while (i >= 0 && used[i]) i--;
    if (i < 0) return results;
    choices = [...used.slice(0, i), true];
  }
}

class Run {
  private readonly events: FlowEvent[] = [];
  private readonly variables = new Map<string, Value>();
  private readonly decided = new Map<number, boolean>();
  private stepCount = 0;
  private nextUnknown = 0;
  private failedStep: string | undefined;
  private raised = false;
  public readonly choicesUsed: boolean[] = [];

  constructor(
    private readonly choices: readonly boolean[],
    private readonly failAt: number,
    initial: Readonly<Record<string, Value>>,
  ) {
    for (const [name, value] of Object.entries(initial)) this.variables.set(name.toLowerCase(), value);
  }

  public execute(statements: Node): FlowPath {
    let end: FlowPath['end'] = { kind: 'end' };
    try {
      this.statements(statements);
    } catch (e) {
      if (e instanceof Exited) end = { kind: 'exit', code: e.code };
      else if (e instanceof Returned) end = { kind: 'return' };
      else if (e instanceof Thrown) end = { kind: 'uncaught' };
      else throw e;
    }
    const exitCode = end.kind === 'exit' ? end.code : end.kind === 'uncaught' ? 1 : 0;
    return { events: this.events, failedStep: this.failedStep, raised: this.raised, end, exitCode };
  }

  private choose(): boolean {
    const i = this.choicesUsed.length;
    const value = i < this.choices.length ? this.choices[i] : false;
    this.choicesUsed.push(value);
    return value;
  }

  private unknown(): Value {
    return { unknown: this.nextUnknown++ };
  }

  private truthy(value: Value): boolean {
    if (typeof value === 'object') {
      const known = this.decided.get(value.unknown);
      if (known !== undefined) return known;
      const chosen = this.choose();
      this.decided.set(value.unknown, chosen);
      return chosen;
    }
    if (value === undefined) return this.choose();
    return Boolean(value);
  }

  private statements(list: Node): void {
    for (const statement of list.namedChildren) if (statement) this.statement(statement);
  }

  private block(node: Node): void {
    const list = node.type === 'statement_list' ? node : node.namedChildren.find((c) => c?.type === 'statement_list');
    if (list) this.statements(list);
  }

  private statement(node: Node): void {
    switch (node.type) {
      case 'comment':
      case 'empty_statement':
      case 'function_statement':
        return;
      case 'pipeline':
        this.pipeline(node);
        return;
      case 'if_statement':
        this.ifStatement(node);
        return;
      case 'try_statement':
        this.tryStatement(node);
        return;
      case 'flow_control_statement':
        this.flowControl(node);
        return;
      case 'foreach_statement':
      case 'for_statement':
      case 'while_statement':
        this.step(node, `loop: ${node.text.split('\n')[0]}`);
        return;
      default:
        throw new Error(`the simulator does not know the statement ${node.type} at line ${node.startPosition.row + 1}: ${node.text.slice(0, 80)}`);
    }
  }

  /** A command or method call: may fail (the injected fault). */
  private step(node: Node, name: string): void {
    const failed = this.stepCount === this.failAt;
    this.stepCount++;
    this.events.push({ kind: 'step', name, text: node.text, line: node.startPosition.row + 1, failed });
    if (failed) {
      this.failedStep = name;
      this.raised = true;
      throw new Thrown();
    }
  }

  /**
   * The name a pipeline is recorded under: its command (`Set-Dword`), or for an expression (text starting
   * with `$`, `[` or `(`) its method call without arguments (`$mutex.ReleaseMutex()`).
   */
  private callName(node: Node): string | undefined {
    const command = () => {
      const found = node.descendantsOfType('command')[0];
      return found ? (found.childForFieldName('command_name')?.text ?? found.text.split(/\s/)[0]) : undefined;
    };
    const invocation = () => {
      const found = node.descendantsOfType('invokation_expression').find((n) => n?.namedChildren.some((c) => c?.type === 'argument_list'));
      if (!found) return undefined;
      const argumentList = found.namedChildren.find((c) => c?.type === 'argument_list')!;
      return found.text.slice(0, argumentList.startIndex - found.startIndex).trimEnd() + '()';
    };
    const expression = /^[$[(]/.test(node.text.trim());
    const name = expression ? (invocation() ?? command()) : (command() ?? invocation());
    if (name) return name;
    return /New-Object|::/.test(node.text) ? node.text : undefined;
  }

  private pipeline(node: Node): void {
    const assignment = node.namedChildren.find((c) => c?.type === 'assignment_expression');
    if (!assignment) {
      const name = this.callName(node);
      if (name) this.step(node, name);
      return;
    }
    const target = assignment.namedChildren[0]?.text.trim() ?? '';
    const valueNode = assignment.childForFieldName('value');
    const name = valueNode ? this.callName(valueNode) : undefined;
    let value: Value;
    if (name) {
      this.step(node, name);
      value = this.unknown();
    } else {
      value = this.literal(valueNode?.text.trim() ?? '');
    }
    if (/^\$\w+$/.test(target)) this.variables.set(target.slice(1).toLowerCase(), value);
  }

  private literal(text: string): Value {
    if (/^-?\d+$/.test(text)) return Number(text);
    if (/^\$(true|false)$/i.test(text)) return text.toLowerCase() === '$true';
    if (/^\$null$/i.test(text)) return undefined;
    if (/^'[^']*'$/.test(text)) return text.slice(1, -1);
    const variable = /^\$(\w+)$/.exec(text);
    if (variable && this.variables.has(variable[1].toLowerCase())) return this.variables.get(variable[1].toLowerCase());
    return this.unknown();
  }

  private condition(node: Node): boolean {
    const text = node.text.trim();
    let value: boolean;
    const plain = /^(-not\s+)?\$(\w+)$/i.exec(text);
    if (plain && this.variables.has(plain[2].toLowerCase())) {
      const v = this.truthy(this.variables.get(plain[2].toLowerCase()));
      value = plain[1] ? !v : v;
    } else {
      const name = this.callName(node);
      if (name) this.step(node, name);
      value = this.choose();
    }
    this.events.push({ kind: 'condition', text, value, line: node.startPosition.row + 1 });
    return value;
  }

  private ifStatement(node: Node): void {
    const condition = node.childForFieldName('condition');
    const block = node.namedChildren.find((c) => c?.type === 'statement_block');
    if (!condition || !block) throw new Error(`malformed if at line ${node.startPosition.row + 1}`);
    if (this.condition(condition)) {
      this.block(block);
      return;
    }
    for (const clause of node.childForFieldName('elseif_clauses')?.namedChildren ?? []) {
      const c = clause?.childForFieldName('condition');
      const b = clause?.namedChildren.find((n) => n?.type === 'statement_block');
      if (c && b && this.condition(c)) {
        this.block(b);
        return;
      }
    }
    const elseBlock = node.childForFieldName('else_clause')?.namedChildren.find((c) => c?.type === 'statement_block');
    if (elseBlock) this.block(elseBlock);
  }

  private tryStatement(node: Node): void {
    const body = node.namedChildren.find((c) => c?.type === 'statement_block');
    const catchBlock = node.namedChildren.find((c) => c?.type === 'catch_clauses')?.namedChildren[0]?.namedChildren.find((c) => c?.type === 'statement_block');
    const finallyBlock = node.namedChildren.find((c) => c?.type === 'finally_clause')?.namedChildren.find((c) => c?.type === 'statement_block');
    if (!body) throw new Error(`malformed try at line ${node.startPosition.row + 1}`);
    let pending: unknown;
    try {
      try {
        this.block(body);
      } catch (e) {
        if (!(e instanceof Thrown) || !catchBlock) throw e;
        this.block(catchBlock);
      }
    } catch (e) {
      pending = e;
    }
    if (finallyBlock) this.block(finallyBlock);
    if (pending !== undefined) throw pending;
  }

  private flowControl(node: Node): void {
    const text = node.text.trim();
    const keyword = text.split(/\s/)[0].toLowerCase();
    if (keyword === 'throw') {
      this.raised = true;
      this.events.push({ kind: 'throw', text, line: node.startPosition.row + 1 });
      throw new Thrown();
    }
    if (keyword === 'return') {
      const argument = node.namedChildren.find((c) => c?.type === 'pipeline');
      if (argument && this.callName(argument)) this.step(argument, this.callName(argument)!);
      throw new Returned();
    }
    if (keyword === 'exit') {
      const argument = text.slice(4).trim();
      const value = argument === '' ? 0 : this.literal(argument);
      if (typeof value !== 'number') throw new Error(`exit with a value the simulator cannot read: ${text}`);
      throw new Exited(value);
    }
    throw new Error(`the simulator does not know ${keyword} at line ${node.startPosition.row + 1}`);
  }
}
