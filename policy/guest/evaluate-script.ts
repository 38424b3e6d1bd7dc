/**
 * Evaluates a guest hardening script as data: walks the statements in order, resolves literal
 * arguments and variables, follows calls into the script's own functions (trusting a helper only
 * when its text is one the renderer is known to produce, see trusted-helpers.ts), and records the
 * registry values, firewall rules and lockout policy the script leaves behind when it completes.
 *
 * What cannot be proven statically becomes `Unknown`: a value computed at run time, a write under
 * a condition that is not a constant (both paths are followed and must agree), a command that can
 * run arbitrary code (`Invoke-Expression`, `Start-Process`, `cmd.exe`, …) or a construct this
 * reader does not model. Paths that end in `throw` (or `exit` with a non-zero code) are failed runs
 * and are not part of the result. A `catch` block starts a separate path (a fork, not merged with
 * the path that passed the `try`) from any state the `try` body could have failed in; when that path
 * goes on to `exit 1`, as the rendered script's does, it is a failed run too. Pure and synchronous.
 */
import { Arg, Expr, parseScript, PipeElement, readScript, Stmt } from './powershell-syntax';
import { isArbitraryCode, isDangerousMethod, isFirewallOpaque, isHarmlessNative, isProgramFile, isSettingsNeutral, normalizeRegistryPath } from './command-model';
import { helperFingerprint, trustedHelpers, TrustedHelper } from './trusted-helpers';
import { asList, isUnknownValue, PsHash, PsValue, sameValue, showValue, toInt, toStr, truthy, Unknown } from './values';

/** What the script leaves in one place (a registry value, a lockout setting). */
export interface Fact {
  /** The value, `null` for a deleted registry value, or `Unknown`. */
  readonly value: PsValue;
  /** Line of the write (of the last one when paths agree). */
  readonly line: number;
}

/** An inbound firewall rule the script creates or changes. */
export interface FirewallRuleFact {
  readonly name: string;
  readonly direction: PsValue;
  readonly action: PsValue;
  readonly protocol: PsValue;
  readonly localPort: PsValue;
  readonly remoteAddress: PsValue;
  readonly enabled: PsValue;
  readonly line: number;
}

/** Everything the evaluator knows the script leaves behind. */
export interface ScriptFacts {
  /** Registry values by `hklm:\path\name` (lower case). */
  readonly registry: ReadonlyMap<string, Fact>;
  /** Lockout settings by `net accounts` switch (`lockoutthreshold`, `lockoutduration`, `lockoutwindow`). */
  readonly lockout: ReadonlyMap<string, Fact>;
  /** Firewall rules by lower-case name; `null` = removed; `Unknown` = cannot be told. */
  readonly firewallRules: ReadonlyMap<string, FirewallRuleFact | null | Unknown>;
  /** Other firewall facts: `profilesEnabled`, `default3389Disabled`. */
  readonly firewall: ReadonlyMap<string, Fact>;
  /** Reasons that make every registry value unknown (an unresolvable write, arbitrary code). */
  readonly registryTaint: readonly string[];
  /** Reasons that make the firewall unknown. */
  readonly firewallTaint: readonly string[];
  /** Reasons that make the lockout policy unknown. */
  readonly lockoutTaint: readonly string[];
  /** True when at least one path completes (does not throw). */
  readonly completes: boolean;
  /** Syntax errors that stop PowerShell before the script runs (then nothing is applied). */
  readonly syntaxErrors: readonly string[];
}

/** Evaluates a script's text. */
export function evaluateScript(text: string): ScriptFacts {
  const { statements: program, errors } = readScript(text);
  if (errors.length > 0) {
    return { registry: new Map(), lockout: new Map(), firewallRules: new Map(), firewall: new Map(), registryTaint: [], firewallTaint: [], lockoutTaint: [], completes: false, syntaxErrors: errors };
  }
  const evaluator = new Evaluator();
  const start = State.initial();
  const out = evaluator.block(program, start);
  // `return` and `break` at script level end the script like `exit`; so do exits inside called functions and script blocks.
  const finals = [...(out.normal ? [out.normal] : []), ...out.forks, ...out.exits, ...out.returns, ...out.breaks, ...evaluator.pendingExits];
  const merged = mergeStates(finals, 'the script ends on several paths');
  if (!merged) {
    return { registry: new Map(), lockout: new Map(), firewallRules: new Map(), firewall: new Map(), registryTaint: [], firewallTaint: [], lockoutTaint: [], completes: false, syntaxErrors: [] };
  }
  return {
    registry: merged.registry,
    lockout: merged.lockout,
    firewallRules: merged.firewallRules,
    firewall: merged.firewall,
    registryTaint: merged.registryTaint,
    firewallTaint: merged.firewallTaint,
    lockoutTaint: merged.lockoutTaint,
    completes: true,
    syntaxErrors: [],
  };
}

// ---------------------------------------------------------------------------------------------
// State

interface FunctionDef {
  readonly def: Extract<Stmt, { t: 'function' }>;
  readonly trusted?: TrustedHelper;
}

class State {
  /** True once the path has ended (a called function always exits or throws): nothing after it runs. */
  dead = false;

  constructor(
    public globals: Map<string, PsValue>,
    public locals: Map<string, PsValue> | undefined,
    public functions: Map<string, FunctionDef>,
    public registry: Map<string, Fact>,
    public lockout: Map<string, Fact>,
    public firewallRules: Map<string, FirewallRuleFact | null | Unknown>,
    public firewall: Map<string, Fact>,
    public registryTaint: string[],
    public firewallTaint: string[],
    public lockoutTaint: string[],
  ) {}

  static initial(): State {
    const globals = new Map<string, PsValue>([
      ['true', true],
      ['false', false],
      ['null', null],
    ]);
    return new State(globals, undefined, new Map(), new Map(), new Map(), new Map(), new Map(), [], [], []);
  }

  clone(): State {
    const copy = new State(new Map(this.globals), this.locals ? new Map(this.locals) : undefined, new Map(this.functions), new Map(this.registry), new Map(this.lockout), new Map(this.firewallRules), new Map(this.firewall), [...this.registryTaint], [...this.firewallTaint], [...this.lockoutTaint]);
    copy.dead = this.dead;
    return copy;
  }

  /** Takes over `other`'s contents (an expression that ran a statement may end in a new state; the caller keeps this one). */
  adopt(other: State): void {
    if (other === this) return;
    Object.assign(this, other.clone());
  }

  read(name: string): PsValue {
    const { scope, bare } = splitScope(name);
    if (scope === 'env') return new Unknown(`$env:${bare}`);
    if (scope !== 'global' && scope !== 'script' && this.locals?.has(bare)) return this.locals.get(bare)!;
    if (this.globals.has(bare)) return this.globals.get(bare)!;
    return new Unknown(`$${name} is not assigned in the script`);
  }

  write(name: string, value: PsValue): void {
    const { scope, bare } = splitScope(name);
    if ((scope === 'global' || scope === 'script') || !this.locals) this.globals.set(bare, value);
    else this.locals.set(bare, value);
  }

  taintAll(reason: string): void {
    this.registryTaint.push(reason);
    this.firewallTaint.push(reason);
    this.lockoutTaint.push(reason);
  }
}

function splitScope(name: string): { scope: string; bare: string } {
  const m = /^(global|script|local|private|env|using):(.*)$/i.exec(name);
  return m ? { scope: m[1].toLowerCase(), bare: m[2].toLowerCase() } : { scope: '', bare: name.toLowerCase() };
}

/**
 * Keys every map holds with the same value keep it (the first map's); any other key becomes `unknown(key)`. Keys in
 * first-seen order. `same` is asked only about values that are not identical (identical ones agree).
 */
function mergeMaps<V>(maps: ReadonlyMap<string, V>[], same: (a: V, b: V) => boolean, unknown: (key: string) => V): Map<string, V> {
  const out = new Map<string, V>();
  const [first, ...rest] = maps;
  for (const [key, value] of first) {
    // Identical values are the same by every `same` (the states are clones: most entries are shared).
    const agreed = rest.every((m) => {
      const v = m.get(key);
      return v !== undefined && (v === value || same(v, value));
    });
    out.set(key, agreed ? value : unknown(key));
  }
  for (const m of rest) for (const key of m.keys()) if (!out.has(key)) out.set(key, unknown(key));
  return out;
}

function sameFact(a: Fact, b: Fact): boolean {
  // `a.value === b.value`: two writes of one unknown value (a variable holding it) agree; `sameValue` never calls unknowns equal.
  return a.value === b.value || sameValue(a.value, b.value);
}

function sameRule(a: FirewallRuleFact | null | Unknown, b: FirewallRuleFact | null | Unknown): boolean {
  if (a === null || b === null) return false;
  if (a instanceof Unknown || b instanceof Unknown) return false;
  return (['direction', 'action', 'protocol', 'localPort', 'remoteAddress', 'enabled'] as const).every((k) => sameValue(a[k], b[k]));
}

/** Joins the states of several paths: what all agree on stays known; the rest becomes unknown. */
function mergeStates(all: State[], why: string): State | undefined {
  const states = all.filter((s) => !s.dead);
  if (states.length === 0) return undefined;
  if (states.length === 1) return states[0];
  const lines = (facts: (Fact | undefined)[]) => facts.filter((f): f is Fact => f !== undefined).map((f) => f.line);
  const factUnknown = (maps: Map<string, Fact>[]) => (key: string): Fact => {
    // `mergeMaps` asks only about keys that some map holds.
    const ls = lines(maps.map((m) => m.get(key)));
    return { value: new Unknown(`${why} (written on line ${[...new Set(ls)].join(', ')})`), line: ls[ls.length - 1] };
  };
  const first = states[0];
  return new State(
    mergeMaps(states.map((s) => s.globals), sameValue, () => new Unknown(why)),
    first.locals ? mergeMaps(states.map((s) => s.locals ?? new Map()), sameValue, () => new Unknown(why)) : undefined,
    mergeMaps(states.map((s) => s.functions), (a, b) => a.def === b.def, (k) => ({ def: { t: 'function', name: k, params: [], body: [{ t: 'opaque', keyword: 'function', text: `${k} is defined differently on different paths`, line: 0 }], text: '', line: 0 } })),
    mergeMaps(states.map((s) => s.registry), sameFact, factUnknown(states.map((s) => s.registry))),
    mergeMaps(states.map((s) => s.lockout), sameFact, factUnknown(states.map((s) => s.lockout))),
    mergeMaps(states.map((s) => s.firewallRules), sameRule, () => new Unknown(why)),
    mergeMaps(states.map((s) => s.firewall), sameFact, factUnknown(states.map((s) => s.firewall))),
    [...new Set(states.flatMap((s) => s.registryTaint))],
    [...new Set(states.flatMap((s) => s.firewallTaint))],
    [...new Set(states.flatMap((s) => s.lockoutTaint))],
  );
}

interface Outcome {
  normal?: State;
  /** Further states that go on after the statement, kept apart from `normal` (a path through a `catch`). */
  forks: State[];
  returns: State[];
  returnValues: PsValue[];
  exits: State[];
  breaks: State[];
}

function none(normal?: State): Outcome {
  return { normal, forks: [], returns: [], returnValues: [], exits: [], breaks: [] };
}

/** True when `after` holds a registry, lockout or firewall fact that `before` does not (a write between them). */
function changesSettings(before: State, after: State): boolean {
  const differs = <V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>): boolean => [...b].some(([k, v]) => !a.has(k) || (a.get(k) !== v && JSON.stringify(a.get(k)) !== JSON.stringify(v)));
  return differs(before.registry, after.registry) || differs(before.lockout, after.lockout) || differs(before.firewallRules, after.firewallRules) || differs(before.firewall, after.firewall);
}

/** More forks than this in one block are merged into one (sound, and keeps sequences of try/catch linear). */
const MAX_FORKS = 16;

/** How many forks may run the rest of their block on their own in one script; later ones are merged into the normal path. */
const MAX_FORK_WALKS = 256;

/** The normal state and the forks of an outcome merged into one (for loops, calls and values, which keep no forks). */
function settled(out: Outcome, why: string): State | undefined {
  return out.forks.length === 0 ? out.normal : mergeStates([...(out.normal ? [out.normal] : []), ...out.forks], why);
}

// ---------------------------------------------------------------------------------------------
// Evaluator

const MAX_DEPTH = 24;

class Evaluator {
  private depth = 0;
  /** States of paths that end the script inside a called function or script block (`exit`, or `break` outside a loop). */
  readonly pendingExits: State[] = [];
  /** States where a path ended as a failed run (`throw`, a non-zero `exit`): not part of the result, but what a catch block wrote before them counts. */
  private readonly failedRuns: State[] = [];

  /** Collectors of the states a `try` body may fail in (innermost last): a state before each statement, and after each command. */
  private readonly failurePoints: State[][] = [];

  /** How many forks have run the rest of their block on their own so far. */
  private forkWalks = 0;

  private failurePoint(st: State): void {
    if (this.failurePoints.length === 0 || st.dead) return;
    const copy = st.clone();
    for (const c of this.failurePoints) c.push(copy);
  }

  block(stmts: readonly Stmt[], st: State): Outcome {
    const out = none();
    let current: State | undefined = st;
    for (let i = 0; i < stmts.length; i++) {
      const stmt = stmts[i];
      if (!current || current.dead) break;
      this.failurePoint(current);
      const r = this.statement(stmt, current);
      out.returns.push(...r.returns);
      out.returnValues.push(...r.returnValues);
      out.exits.push(...r.exits);
      out.breaks.push(...r.breaks);
      // A fork runs the rest of this block on its own. Once MAX_FORK_WALKS forks have done so, a fork is merged into
      // the normal path instead (sound: what differs becomes unknown); else a run of n try/catch statements costs 2^n walks.
      let forks = r.forks;
      if (forks.length > 0 && this.forkWalks >= MAX_FORK_WALKS) {
        r.normal = mergeStates([...(r.normal ? [r.normal] : []), ...forks], 'more paths through catch blocks than are followed one by one');
        forks = [];
      }
      for (const fork of forks) {
        this.forkWalks++;
        const rest = this.block(stmts.slice(i + 1), fork);
        out.returns.push(...rest.returns);
        out.returnValues.push(...rest.returnValues);
        out.exits.push(...rest.exits);
        out.breaks.push(...rest.breaks);
        out.forks.push(...(rest.normal ? [rest.normal] : []), ...rest.forks);
      }
      current = r.normal;
      if (current && stmt.t === 'pipeline') this.failurePoint(current);
    }
    out.normal = current?.dead ? undefined : current;
    // Forks are never dead (a dead path leaves no normal state), so the merge is a state.
    if (out.forks.length > MAX_FORKS) out.forks = [mergeStates(out.forks, 'more paths through catch blocks than are followed one by one')!];
    return out;
  }

  private statement(stmt: Stmt, st: State): Outcome {
    switch (stmt.t) {
      case 'function': {
        const fingerprint = helperFingerprint(stmt.text);
        const trusted = trustedHelpers().find((h) => h.name.toLowerCase() === stmt.name.toLowerCase() && h.fingerprints.includes(fingerprint));
        st.functions.set(stmt.name.toLowerCase(), { def: stmt, trusted });
        if (/^(new|set|remove|get|test)-(itemproperty|item|netfirewall\w*)$|^(net|net\.exe|secedit|secedit\.exe|reg|reg\.exe|netsh|netsh\.exe)$/i.test(stmt.name)) {
          st.taintAll(`line ${stmt.line}: the script defines a function named ${stmt.name}, shadowing a command`);
        }
        return none(st);
      }
      case 'if':
        return this.ifStatement(stmt, st);
      case 'foreach':
        return this.foreachStatement(stmt, st);
      case 'try':
        return this.tryStatement(stmt, st);
      case 'flow':
        return this.flow(stmt, st);
      case 'assign': {
        const { value, state } = this.stmtValue(stmt.value, st);
        this.assign(stmt.target, stmt.op, value, state, stmt.line);
        return none(state);
      }
      case 'pipeline':
        return none(this.pipeline(stmt.elements, st, stmt.line).state);
      case 'opaque':
        st.taintAll(`line ${stmt.line}: \`${stmt.text.slice(0, 60)}\` (${stmt.keyword}) is not evaluated`);
        return none(st);
    }
  }

  private flow(stmt: Extract<Stmt, { t: 'flow' }>, st: State): Outcome {
    const r = stmt.value ? this.stmtValue(stmt.value, st) : { value: null as PsValue, state: st };
    switch (stmt.kind) {
      case 'return':
        return { ...none(), returns: [r.state], returnValues: [r.value] };
      case 'exit': {
        const code = toInt(r.value);
        if (code !== undefined && code !== 0) {
          this.failedRuns.push(r.state);
          return none();
        }
        return { ...none(), exits: [r.state] };
      }
      case 'throw':
        // The run fails here, after the value was evaluated (it may have written): a catch block can start from here.
        this.failurePoint(r.state);
        this.failedRuns.push(r.state);
        return none();
      case 'break':
      case 'continue':
        return { ...none(), breaks: [r.state] };
    }
  }

  /** Evaluates a statement used as a value (the right side of `=`, a condition). */
  private stmtValue(stmt: Stmt, st: State): { value: PsValue; state: State } {
    if (stmt.t === 'pipeline') {
      // A later command of the same statement (or the `throw` this value belongs to) may fail after this one
      // wrote: a catch block can start from here too.
      const r = this.pipeline(stmt.elements, st, stmt.line);
      this.failurePoint(r.state);
      return r;
    }
    if (stmt.t === 'assign') {
      const out = this.statement(stmt, st);
      return { value: new Unknown('an assignment used as a value'), state: out.normal ?? st };
    }
    const out = this.statement(stmt, st);
    // A path that exits inside the value ends the script there; one that returns or breaks out of it is not followed.
    this.pendingExits.push(...out.exits);
    const state = settled(out, `a ${stmt.t} statement used as a value ends on several paths`) ?? st;
    if (out.returns.length > 0 || out.breaks.length > 0) state.taintAll(`line ${stmt.line}: a ${stmt.t} statement used as a value returns or breaks on some paths`);
    return { value: new Unknown(`a ${stmt.t} statement used as a value`), state };
  }

  private ifStatement(stmt: Extract<Stmt, { t: 'if' }>, st: State): Outcome {
    const paths: Outcome[] = [];
    let current: State | undefined = st;
    for (const clause of stmt.clauses) {
      const c = this.stmtValue(clause.cond, current);
      const verdict = truthy(c.value);
      if (verdict === true) {
        paths.push(this.block(clause.body, c.state));
        current = undefined;
        break;
      }
      if (verdict === undefined) paths.push(this.block(clause.body, c.state.clone()));
      current = c.state;
    }
    if (current) paths.push(stmt.otherwise ? this.block(stmt.otherwise, current) : none(current));
    return this.join(paths, `a write under the condition on line ${stmt.line}`);
  }

  private join(paths: Outcome[], why: string): Outcome {
    const normals = paths.map((p) => p.normal).filter((s): s is State => s !== undefined);
    return {
      normal: mergeStates(normals, why),
      forks: paths.flatMap((p) => p.forks),
      returns: paths.flatMap((p) => p.returns),
      returnValues: paths.flatMap((p) => p.returnValues),
      exits: paths.flatMap((p) => p.exits),
      breaks: paths.flatMap((p) => p.breaks),
    };
  }

  private foreachStatement(stmt: Extract<Stmt, { t: 'foreach' }>, st: State): Outcome {
    const items = this.stmtValue(stmt.items, st);
    if (isUnknownValue(items.value) || asList(items.value).length > 64) return this.unknownRepeat(stmt.body, items.state, stmt.variable, `the loop on line ${stmt.line} runs over values not known statically`);
    const out = none();
    let current: State | undefined = items.state;
    const exited: State[] = [];
    for (const item of asList(items.value)) {
      if (!current) break;
      current.write(stmt.variable, item);
      const r = this.block(stmt.body, current);
      out.returns.push(...r.returns);
      out.returnValues.push(...r.returnValues);
      out.exits.push(...r.exits);
      // break/continue: the loop's effect depends on the path; keep it sound by joining.
      exited.push(...r.breaks);
      current = settled(r, `a catch block inside the loop on line ${stmt.line}`);
    }
    out.normal = mergeStates([...(current ? [current] : []), ...exited], `the loop on line ${stmt.line} leaves early on some paths`);
    return out;
  }

  /** A body that runs an unknown number of times (0 or more): its writes become unknown. */
  private unknownRepeat(body: readonly Stmt[], st: State, variable: string | undefined, why: string): Outcome {
    const once = st.clone();
    if (variable) once.write(variable, new Unknown(why));
    const r = this.block(body, once);
    const first = settled(r, why);
    const twice = first ? settled(this.block(body, first.clone()), why) : undefined;
    const normals = [st, ...(first ? [first] : []), ...(twice ? [twice] : []), ...r.breaks];
    return { normal: mergeStates(normals, why), forks: [], returns: r.returns, returnValues: r.returnValues, exits: r.exits, breaks: [] };
  }

  /**
   * `try { body } catch { … } finally { … }`. The body's own paths are the pass. Each catch block
   * starts a fork from the states the body may fail in (before any of its statements, after any of
   * its commands, merged: what differs between them is unknown), and the fork goes on after the
   * statement on its own, so a catch that marks the run failed (`$failed = $true`, later `exit 1`)
   * ends as a failed run. The finally block runs on every path that leaves the statement.
   */
  private tryStatement(stmt: Extract<Stmt, { t: 'try' }>, st: State): Outcome {
    const points: State[] = [];
    if (stmt.catches.length > 0) {
      points.push(st.clone());
      this.failurePoints.push(points);
    }
    let body: Outcome;
    try {
      body = this.block(stmt.body, st);
    } finally {
      if (stmt.catches.length > 0) this.failurePoints.pop();
    }
    const catchForks: State[] = [];
    if (stmt.catches.length > 0) {
      // Each point holds this frame's locals as they were at the point (callFunction gives a point inside a call the caller's).
      for (const p of points) p.dead = false;
      // Never undefined: the state before the body is among the points, and none of them is dead any more.
      const failedIn = mergeStates(points, `a write in the try on line ${stmt.line} that a failure may have skipped`)!;
      for (const c of stmt.catches) {
        const failedBefore = this.failedRuns.length;
        const r = this.block(c, failedIn.clone());
        // A failed run still leaves what its catch block wrote: a catch that changes a setting makes the
        // settings unprovable on every path (the pass cannot show what a failed run leaves behind).
        const ends = [...(r.normal ? [r.normal] : []), ...r.forks, ...r.exits, ...r.returns, ...this.failedRuns.slice(failedBefore)];
        const changed = ends.filter((after) => changesSettings(failedIn, after));
        if (changed.length > 0) {
          const reason = `line ${stmt.line}: a catch block changes settings that a failed run would leave behind`;
          for (const pass of [...(body.normal ? [body.normal] : []), ...body.forks, ...body.exits, ...body.returns]) pass.taintAll(reason);
        }
        body.returns.push(...r.returns);
        body.returnValues.push(...r.returnValues);
        body.exits.push(...r.exits);
        body.breaks.push(...r.breaks);
        catchForks.push(...(r.normal ? [r.normal] : []), ...r.forks);
      }
    }
    let result: Outcome = { ...body, forks: [...body.forks, ...catchForks] };
    if (stmt.final) {
      const fin = (s: State): State[] => {
        const r = this.block(stmt.final!, s);
        this.pendingExits.push(...r.exits);
        return [...(r.normal ? [r.normal] : []), ...r.forks];
      };
      const normal = result.normal ? fin(result.normal) : [];
      result = {
        ...result,
        normal: normal[0],
        forks: [...normal.slice(1), ...result.forks.flatMap(fin)],
        returns: result.returns.flatMap(fin),
        exits: result.exits.flatMap(fin),
      };
    }
    return result;
  }

  // -- assignments ----------------------------------------------------------------------------

  private assign(target: Expr, op: string, value: PsValue, st: State, line: number): void {
    let v = value;
    if (target.t === 'cast') {
      v = this.cast(target.type, value);
      target = target.expr;
    }
    if (target.t === 'var') {
      if (/^(function|alias|variable):/i.test(target.name)) {
        st.taintAll(`line ${line}: \`$${target.name}\` redefines a command`);
        return;
      }
      if (op !== '=') v = this.binary(op === '+=' ? '+' : '-', st.read(target.name), v);
      st.write(target.name, v);
      return;
    }
    if (target.t === 'index' || target.t === 'member') {
      // Hashtables and arrays are shared by reference: `$b = $a; $b.v = 0` changes `$a.v` too. Only an entry of a
      // hashtable variable set by a known key is followed; every holder of the changed object becomes unknown first.
      const base = target.target;
      const current = this.expr(base, st);
      const key = target.t === 'member' ? target.name : toStr(this.expr(target.index, st));
      this.forgetHolders(st, current, `an element of a hashtable or array other variables may share is set on line ${line}`);
      if (base.t === 'var' && current instanceof PsHash) {
        st.write(base.name, key === undefined ? new Unknown(`an entry of $${base.name} is set by a computed key`) : current.with(key, op === '=' ? v : this.binary(op === '+=' ? '+' : '-', current.get(key) ?? null, v)));
      }
    }
  }

  /**
   * Makes unknown every variable (of the script, the running function and its callers) that holds `changed`, a
   * hashtable or array about to be changed in place, or holds it inside another one; when `changed` is not known,
   * every variable holding a hashtable or array (it may be any of them). A container equal to `changed` counts as
   * the same: paths that meet keep one of two equal objects, which may be a different one on the other path. A scalar
   * `changed` (a member set on a number, an error in PowerShell) is equal to no container: nothing is forgotten.
   */
  private forgetHolders(st: State, changed: PsValue, why: string): void {
    const container = (v: PsValue): boolean => v instanceof PsHash || Array.isArray(v);
    const holds = (v: PsValue): boolean => (container(v) && (changed instanceof Unknown || sameValue(v, changed))) || (Array.isArray(v) ? v.some(holds) : v instanceof PsHash && [...v.entries.values()].some(holds));
    for (const scope of [st.globals, st.locals, ...this.callerLocals]) if (scope) for (const [name, v] of scope) if (holds(v)) scope.set(name, new Unknown(why));
  }

  // -- pipelines and commands ----------------------------------------------------------------

  private pipeline(elements: readonly PipeElement[], st: State, line: number): { value: PsValue; state: State } {
    let value: PsValue = null;
    let state = st;
    elements.forEach((element, i) => {
      const piped = i > 0;
      if (element.t === 'expr') {
        value = this.expr(element.expr, state);
        return;
      }
      const r = this.command(element, state, line, piped ? value : undefined);
      value = r.value;
      state = r.state;
    });
    return { value, state };
  }

  private command(cmd: Extract<PipeElement, { t: 'cmd' }>, st: State, line: number, input: PsValue | undefined): { value: PsValue; state: State } {
    if (typeof cmd.name !== 'string') {
      // Only `&` and `.` make a command of an expression (the reader's `command('')` takes a word), so a block here is invoked.
      if (cmd.name.t === 'block') {
        const r = this.unknownRepeat(cmd.name.body, st, undefined, `the script block on line ${line} is invoked`);
        this.pendingExits.push(...r.exits);
        return { value: new Unknown('script block output'), state: r.normal ?? st };
      }
      const name = toStr(this.expr(cmd.name, st));
      if (name === undefined) {
        st.taintAll(`line ${line}: runs a command whose name is computed`);
        return { value: new Unknown('a computed command'), state: st };
      }
      return this.command({ ...cmd, name }, st, line, input);
    }
    const name = cmd.name.replace(/^\.\\/, '');
    const lower = name.toLowerCase();
    if (cmd.invoke === '.' && /\.ps1$/i.test(lower)) {
      st.taintAll(`line ${line}: dot-sources ${name}`);
      return { value: new Unknown(name), state: st };
    }
    const fn = st.functions.get(lower);
    if (fn) return this.callFunction(fn, cmd.args, st, line);
    // Script block arguments (ForEach-Object { … }, Where-Object { … }) may run: follow them.
    let state = st;
    for (const a of cmd.args) {
      const v = a.value;
      if (v?.t === 'block') {
        const r = this.unknownRepeat(v.body, state, undefined, `the script block passed to ${name} on line ${line}`);
        this.pendingExits.push(...r.exits);
        state = r.normal ?? state;
      }
    }
    if (isArbitraryCode(lower)) {
      state.taintAll(`line ${line}: \`${name}\` can run arbitrary code or change settings the evaluator does not follow`);
      return { value: new Unknown(name), state };
    }
    const args = this.bindArgs(cmd.args, state);
    const modelled = this.modelled(lower, name, args, state, line, input);
    if (modelled) return modelled;
    if (isProgramFile(name) && !isHarmlessNative(lower.replace(/^.*[\\/]/, ''))) {
      state.taintAll(`line ${line}: runs ${name}, a program the evaluator does not follow`);
      return { value: new Unknown(name), state };
    }
    if (isFirewallOpaque(lower)) {
      state.firewallTaint.push(`line ${line}: \`${name}\` changes the firewall in a way the evaluator does not follow`);
      return { value: new Unknown(name), state };
    }
    if (!isSettingsNeutral(lower) && !isHarmlessNative(lower.replace(/^.*[\\/]/, ''))) {
      state.taintAll(`line ${line}: runs \`${name}\`, a command the evaluator does not know to leave the settings alone`);
      return { value: new Unknown(name), state };
    }
    return { value: new Unknown(`the output of ${name}`), state };
  }

  private bindArgs(args: readonly Arg[], st: State): { named: Map<string, PsValue>; positional: PsValue[] } {
    const named = new Map<string, PsValue>();
    const positional: PsValue[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.t === 'named') {
        if (a.value) named.set(a.name.toLowerCase(), this.expr(a.value, st));
        else {
          const nextArg = args[i + 1];
          if (nextArg && nextArg.t === 'pos') {
            named.set(a.name.toLowerCase(), this.expr(nextArg.value, st));
            i++;
          } else named.set(a.name.toLowerCase(), true);
        }
      } else positional.push(this.expr(a.value, st));
    }
    return { named, positional };
  }

  /** The cmdlets and tools whose effect on the tracked settings is modelled. */
  private modelled(lower: string, name: string, args: { named: Map<string, PsValue>; positional: PsValue[] }, st: State, line: number, input: PsValue | undefined): { value: PsValue; state: State } | undefined {
    const arg = (names: string[], position?: number): PsValue | undefined => {
      for (const n of names) {
        const hit = [...args.named.entries()].find(([k]) => k === n || (k.length >= 3 && n.startsWith(k)));
        if (hit) return hit[1];
      }
      return position !== undefined ? args.positional[position] : undefined;
    };
    const done = (value: PsValue = null) => ({ value, state: st });
    switch (lower) {
      case 'new-itemproperty':
      case 'set-itemproperty':
      case 'sp': {
        // A path that only comes through the pipeline is not known: writeRegistry records the write as unknown.
        const path = arg(['literalpath', 'path', 'pspath', 'lp'], 0);
        const valueName = arg(['name'], 1);
        const value = arg(['value'], 2) ?? new Unknown('no -Value');
        this.writeRegistry(st, path, valueName, value, line, name);
        return done();
      }
      case 'remove-itemproperty':
      case 'rp': {
        const path = arg(['literalpath', 'path'], 0);
        const valueName = arg(['name'], 1);
        this.writeRegistry(st, path, valueName, null, line, name);
        return done();
      }
      case 'remove-item':
      case 'ri':
      case 'rm':
      case 'del':
      case 'erase':
      case 'rd':
      case 'rmdir': {
        const path = toStr(arg(['literalpath', 'path'], 0) ?? new Unknown('no path'));
        if (path === undefined) {
          st.registryTaint.push(`line ${line}: \`${name}\` removes an item whose path is computed (it could be a registry key)`);
          return done();
        }
        if (/^function:|^alias:/i.test(path)) {
          st.taintAll(`line ${line}: \`${name}\` removes a command`);
          return done();
        }
        const key = normalizeRegistryPath(path);
        if (key) {
          for (const k of [...st.registry.keys()]) if (k.startsWith(`${key}\\`)) st.registry.set(k, { value: null, line });
          st.registry.set(`${key}\\*`, { value: null, line });
        }
        return done();
      }
      case 'new-netfirewallrule': {
        const ruleName = toStr(arg(['name'], undefined) ?? arg(['displayname']) ?? `rule on line ${line}`) ?? `computed name on line ${line}`;
        st.firewallRules.set(ruleName.toLowerCase(), {
          name: ruleName,
          direction: arg(['direction']) ?? 'Inbound',
          action: arg(['action']) ?? 'Allow',
          protocol: arg(['protocol']) ?? 'Any',
          localPort: arg(['localport']) ?? 'Any',
          remoteAddress: arg(['remoteaddress']) ?? 'Any',
          enabled: arg(['enabled']) ?? 'True',
          line,
        });
        return done(new Unknown('a firewall rule object'));
      }
      case 'set-netfirewallrule':
      case 'enable-netfirewallrule':
      case 'disable-netfirewallrule':
      case 'remove-netfirewallrule': {
        const target = arg(['name', 'id'], 0);
        const group = arg(['displaygroup', 'group']);
        const targetName = target !== undefined ? toStr(target) : undefined;
        if (group !== undefined) {
          const g = toStr(group);
          if (g !== undefined && /remote desktop/i.test(g)) {
            const enabled = lower === 'enable-netfirewallrule' ? 'True' : lower === 'disable-netfirewallrule' ? 'False' : lower === 'remove-netfirewallrule' ? null : new Unknown(`${name} -DisplayGroup`);
            st.firewallRules.set('builtin:remote desktop', enabled === null ? null : { name: 'Remote Desktop (built-in group)', direction: 'Inbound', action: 'Allow', protocol: 'TCP', localPort: '3389', remoteAddress: 'Any', enabled, line });
            return done();
          }
        }
        if (targetName === undefined || input !== undefined) {
          st.firewallTaint.push(`line ${line}: \`${name}\` changes firewall rules chosen at run time`);
          return done();
        }
        const key = targetName.toLowerCase();
        const existing = st.firewallRules.get(key);
        if (lower === 'remove-netfirewallrule') {
          st.firewallRules.set(key, null);
          return done();
        }
        const notOurs = new Unknown(`rule ${targetName} is not created by the script`);
        const base: FirewallRuleFact =
          existing && !(existing instanceof Unknown)
            ? existing
            : { name: targetName, direction: notOurs, action: notOurs, protocol: notOurs, localPort: notOurs, remoteAddress: notOurs, enabled: notOurs, line };
        const enabled = lower === 'enable-netfirewallrule' ? 'True' : lower === 'disable-netfirewallrule' ? 'False' : arg(['enabled']) ?? base.enabled;
        st.firewallRules.set(key, {
          ...base,
          direction: arg(['direction']) ?? base.direction,
          action: arg(['action']) ?? base.action,
          protocol: arg(['protocol']) ?? base.protocol,
          localPort: arg(['localport']) ?? base.localPort,
          remoteAddress: arg(['remoteaddress']) ?? base.remoteAddress,
          enabled,
          line,
        });
        return done();
      }
      case 'set-netfirewallprofile': {
        const enabled = arg(['enabled']);
        const profiles = arg(['profile', 'name'], 0);
        const names = profiles === undefined ? ['domain', 'private', 'public'] : asList(profiles).flatMap((p) => (toStr(p) ?? '?').toLowerCase().split(','));
        const all = ['domain', 'private', 'public'].every((n) => names.includes(n)) || names.includes('any');
        const value = enabled === undefined ? undefined : truthyText(enabled);
        // Turning some profiles off turns the firewall off for them; turning only some on proves nothing for the others.
        if (value === false) st.firewall.set('profilesEnabled', { value: false, line });
        else if (value !== undefined) st.firewall.set('profilesEnabled', { value: all || value instanceof Unknown ? value : new Unknown('only some firewall profiles are turned on'), line });
        return done();
      }
      case 'net':
      case 'net.exe': {
        const words = args.positional.map(toStr);
        if (!words.every((w): w is string => w !== undefined)) {
          if (toStr(args.positional[0])?.toLowerCase() === 'accounts') st.lockoutTaint.push(`line ${line}: \`net accounts\` with computed arguments`);
          return done();
        }
        if (words[0]?.toLowerCase() !== 'accounts') return done();
        // words[0] is `accounts`, which no switch matches.
        for (const w of words) {
          const m = /^\/(lockoutthreshold|lockoutduration|lockoutwindow):(\S+)$/i.exec(w);
          if (m) st.lockout.set(m[1].toLowerCase(), { value: /^never$/i.test(m[2]) ? 0 : toInt(m[2]) ?? new Unknown(`net accounts ${w}`), line });
        }
        return done();
      }
      case 'secedit':
      case 'secedit.exe': {
        const words = args.positional.map(toStr).concat([...args.named.keys()].map((k) => `/${k}`));
        if (words.some((w) => w !== undefined && /^\/(configure|import)$/i.test(w))) {
          st.lockoutTaint.push(`line ${line}: \`secedit /configure\` applies a security template the evaluator does not read`);
        }
        return done();
      }
      case 'reg':
      case 'reg.exe':
        return this.regExe(args.positional.concat([...args.named.entries()].flatMap(([k, v]) => [`/${k}`, v])), st, line);
      case 'set-variable':
      case 'sv': {
        const varName = toStr(arg(['name'], 0) ?? new Unknown(''));
        if (varName === undefined) st.taintAll(`line ${line}: \`Set-Variable\` with a computed name`);
        else st.write(varName, arg(['value'], 1) ?? null);
        return done();
      }
    }
    return undefined;
  }

  private regExe(words: PsValue[], st: State, line: number): { value: PsValue; state: State } {
    const text = words.map(toStr);
    const verb = text[0]?.toLowerCase();
    if (verb === 'query' || verb === 'export' || verb === 'compare') return { value: new Unknown('reg output'), state: st };
    if (text.some((t) => t === undefined) || (verb !== 'add' && verb !== 'delete')) {
      st.registryTaint.push(`line ${line}: \`reg ${verb ?? ''}\` with arguments the evaluator cannot read`);
      return { value: null, state: st };
    }
    const t = text as string[];
    const key = t[1];
    const flag = (f: string) => {
      const i = t.findIndex((x) => x.toLowerCase() === f);
      return i >= 0 ? t[i + 1] : undefined;
    };
    const valueName = flag('/v');
    if (valueName === undefined) {
      if (verb === 'delete') st.registryTaint.push(`line ${line}: \`reg delete\` of a whole key`);
      return { value: null, state: st };
    }
    const data = flag('/d');
    this.writeRegistry(st, key, valueName, verb === 'delete' ? null : data === undefined ? '' : (toInt(data) ?? data), line, 'reg');
    return { value: null, state: st };
  }

  private writeRegistry(st: State, path: PsValue | undefined, name: PsValue | undefined, value: PsValue, line: number, via: string): void {
    const p = path === undefined ? undefined : toStr(path);
    const n = name === undefined ? undefined : toStr(name);
    if (p === undefined || n === undefined) {
      st.registryTaint.push(`line ${line}: \`${via}\` writes a registry value whose ${p === undefined ? 'path' : 'name'} is not known statically`);
      return;
    }
    const key = normalizeRegistryPath(p);
    if (!key) {
      if (/^(HKCU|HKCR|HKU|HKCC|Cert|Env|Function|Variable|Alias|[A-Z]):/i.test(p) && !/^(function|alias|variable):/i.test(p)) return;
      st.registryTaint.push(`line ${line}: \`${via}\` writes to ${p.slice(0, 80)}, a path the evaluator cannot place`);
      return;
    }
    const numeric = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    st.registry.set(`${key}\\${n.toLowerCase()}`, { value: numeric, line });
  }

  /** The locals of the callers of the running function (innermost last): a call can change a hashtable they hold. */
  private readonly callerLocals: (Map<string, PsValue> | undefined)[] = [];

  private callFunction(fn: FunctionDef, args: readonly Arg[], st: State, line: number): { value: PsValue; state: State } {
    const bound = this.bindParams(fn.def, args, st);
    if (fn.trusted && trustedNow(fn, st, new Set())) {
      fn.trusted.apply(bound, {
        read: (name) => st.read(name),
        setRegistry: (path, name, value) => this.writeRegistry(st, path, name, value, line, fn.def.name),
        setFirewallRule: ({ remove, ...rule }) => st.firewallRules.set(rule.name.toLowerCase(), remove ? null : { ...rule, line }),
        disableDefaultRdpRules: () => {
          for (const [k, r] of st.firewallRules) {
            if (r && !(r instanceof Unknown) && asList(r.localPort).some((x) => toStr(x) === '3389')) st.firewallRules.set(k, { ...r, enabled: 'False', line });
          }
          st.firewall.set('default3389Disabled', { value: true, line });
        },
        setFirewall: (key, value) => st.firewall.set(key, { value, line }),
        setLockout: (sw, value) => {
          const s = toStr(sw);
          if (s === undefined) st.lockoutTaint.push(`line ${line}: ${fn.def.name} sets a lockout setting chosen at run time`);
          else st.lockout.set(s.toLowerCase(), { value: toInt(value) ?? new Unknown(`${fn.def.name} ${showValue(value)}`), line });
        },
        setOther: (key, value) => st.registry.set(key, { value, line }),
      });
      return { value: new Unknown(`the output of ${fn.def.name}`), state: st };
    }
    if (this.depth >= MAX_DEPTH) {
      st.taintAll(`line ${line}: calls nest deeper than ${MAX_DEPTH} (recursion)`);
      return { value: new Unknown('recursion'), state: st };
    }
    const savedLocals = st.locals;
    st.locals = new Map(bound);
    this.depth++;
    this.callerLocals.push(savedLocals);
    // A failure point inside the call reaches a catch outside it in the caller's frame: with the caller's locals as
    // they are during the call (a failure before the callee's `$a = 1` leaves the caller's `$a` as it was).
    const outerPoints = this.failurePoints.splice(0);
    const innerPoints = outerPoints.map((): State[] => []);
    this.failurePoints.push(...innerPoints);
    const out = this.block(fn.def.body, st);
    this.failurePoints.splice(0, this.failurePoints.length, ...outerPoints);
    innerPoints.forEach((points, i) => {
      for (const p of points) p.locals = savedLocals ? new Map(savedLocals) : undefined;
      outerPoints[i].push(...points);
    });
    this.callerLocals.pop();
    this.depth--;
    const ends = [...(out.normal ? [out.normal] : []), ...out.forks, ...out.returns];
    const after = mergeStates(ends, `${fn.def.name} (called on line ${line}) returns early on some paths`);
    // `exit` (or `break` outside a loop) inside the function ends the script on that path.
    const exited = [...out.exits, ...out.breaks];
    const result = after;
    const ended = exited.map((e) => {
      const copy = e.clone();
      copy.locals = savedLocals;
      return copy;
    });
    this.pendingExits.push(...ended);
    const value: PsValue = !out.normal && out.returnValues.length === 1 ? out.returnValues[0] : new Unknown(`the output of ${fn.def.name}`);
    if (!result) {
      // Every path throws or exits: the run ends here (exits count as script ends, throws as failed runs).
      st.locals = savedLocals;
      st.dead = true;
      return { value, state: st };
    }
    result.locals = savedLocals;
    return { value, state: result };
  }

  private bindParams(def: Extract<Stmt, { t: 'function' }>, args: readonly Arg[], st: State): Map<string, PsValue> {
    const bound = new Map<string, PsValue>();
    const { named, positional } = this.bindArgs(args, st);
    const rest: PsValue[] = [...positional];
    for (const p of def.params) {
      // A named argument binds the parameter it names or abbreviates (both lower case).
      const hit = [...named.entries()].find(([k]) => p.name.startsWith(k));
      let v: PsValue | undefined = hit ? hit[1] : undefined;
      if (v === undefined) v = rest.shift();
      if (v === undefined) v = p.default ? this.expr(p.default, st) : null;
      bound.set(p.name, p.type ? this.cast(p.type, v) : v);
    }
    bound.set('args', rest);
    return bound;
  }

  // -- expressions ----------------------------------------------------------------------------

  expr(e: Expr, st: State): PsValue {
    switch (e.t) {
      case 'str':
      case 'num':
        return e.value;
      // A bareword argument expands like a double-quoted string (the reader ends a word at a backtick, a quote or a
      // `$name`, so only a word that starts with a lone `$`, like `$-$v`, still holds a variable).
      case 'word':
      case 'xstr':
        return this.expand(e.value, st);
      case 'var':
        return st.read(e.name);
      case 'array':
        return e.items.flatMap((i) => {
          const v = this.expr(i, st);
          return [v];
        });
      case 'sub': {
        const values: PsValue[] = [];
        for (const s of e.body) {
          // The statement may end in a new state (a branch, a call that returns early): carry it on.
          const r = this.stmtValue(s, st);
          st.adopt(r.state);
          if (s.t === 'pipeline') values.push(r.value);
          else if (s.t !== 'assign') values.push(new Unknown('a statement in a subexpression'));
        }
        return values.length === 1 ? values[0] : values;
      }
      case 'hash': {
        let h = new PsHash();
        for (const [k, v] of e.entries) {
          const key = toStr(this.expr(k, st));
          if (key === undefined) return new Unknown('a hashtable with a computed key');
          const r = this.stmtValue(v, st);
          st.adopt(r.state);
          h = h.with(key, r.value);
        }
        return h;
      }
      case 'block':
        return new Unknown('a script block');
      case 'cast':
        return this.cast(e.type, this.expr(e.expr, st));
      case 'type':
        return new Unknown(`[${e.type}]`);
      case 'unary':
        return this.unary(e.op, this.expr(e.expr, st));
      case 'binary':
        return this.binaryExpr(e, st);
      case 'member': {
        const target = this.expr(e.target, st);
        if (target instanceof PsHash) return target.get(e.name) ?? null;
        if (/^(count|length)$/i.test(e.name)) {
          if (Array.isArray(target)) return target.length;
          if (typeof target === 'string') return target.length;
        }
        return new Unknown(`.${e.name}`);
      }
      case 'call': {
        const target = this.expr(e.target, st);
        const args = e.args.map((a) => this.expr(a, st));
        if (isDangerousMethod(e.name) && !(e.name.toLowerCase() === 'create' && e.target.t === 'type' && !/scriptblock/i.test(e.target.type))) {
          st.taintAll(`\`.${e.name}(…)\` may write settings or run code the evaluator does not follow`);
          return new Unknown(e.name);
        }
        // A method that is not known to leave its object alone may change its target, or a container passed to it,
        // in place (`$h.Remove('v')`, `$a.Clear()`, `[array]::Reverse($a)`): every variable holding one becomes unknown.
        if (!isPureMethod(e.name)) for (const v of [target, ...args]) if (v instanceof PsHash || Array.isArray(v)) this.forgetHolders(st, v, `a hashtable or array other variables may share is passed to \`.${e.name}(…)\`, which may change it`);
        return this.method(target, e.name, args);
      }
      case 'index': {
        const target = this.expr(e.target, st);
        const index = this.expr(e.index, st);
        if (target instanceof PsHash) {
          const k = toStr(index);
          return k === undefined ? new Unknown('a computed key') : (target.get(k) ?? null);
        }
        if (Array.isArray(target)) {
          const i = toInt(index);
          if (i === undefined) return new Unknown('a computed index');
          return target[i < 0 ? target.length + i : i] ?? null;
        }
        return new Unknown('an index into a value not known statically');
      }
      case 'bad':
        return new Unknown(`unreadable expression ${e.text}`);
    }
  }

  private method(target: PsValue, name: string, args: PsValue[]): PsValue {
    const n = name.toLowerCase();
    if (typeof target === 'string') {
      if (n === 'tolower' || n === 'tolowerinvariant') return target.toLowerCase();
      if (n === 'toupper' || n === 'toupperinvariant') return target.toUpperCase();
      if (n === 'trim') return target.trim();
    }
    if (Array.isArray(target) && n === 'contains') {
      const x = args[0];
      return isUnknownValue(x) || target.some(isUnknownValue) ? new Unknown('contains') : target.some((t) => sameValue(t, x));
    }
    if (target instanceof PsHash && (n === 'containskey' || n === 'contains')) {
      const k = toStr(args[0]);
      return k === undefined ? new Unknown('containskey') : target.entries.has(k.toLowerCase());
    }
    return new Unknown(`.${name}()`);
  }

  private expand(text: string, st: State): PsValue {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '`' && i + 1 < text.length) {
        const e = text[i + 1];
        out += ({ n: '\n', t: '\t', r: '\r', '0': '\0', a: '\u0007', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[e] ?? e;
        i += 2;
        continue;
      }
      if (c === '"' && text[i + 1] === '"') {
        out += '"';
        i += 2;
        continue;
      }
      if (c === '$' && text[i + 1] === '(') {
        let depth = 0;
        let j = i + 1;
        for (; j < text.length; j++) {
          if (text[j] === '(') depth++;
          else if (text[j] === ')' && --depth === 0) break;
        }
        const inner = parseScript(text.slice(i + 2, j));
        const v = this.expr({ t: 'sub', body: inner }, st);
        const s = toStr(v);
        if (s === undefined) return new Unknown(`"$(…)" in a string`);
        out += s;
        i = j + 1;
        continue;
      }
      if (c === '$') {
        const m = /^\$(\{[^}]+\}|(?:global:|script:|env:|local:)?\w+)/i.exec(text.slice(i));
        if (m) {
          const name = m[1].startsWith('{') ? m[1].slice(1, -1) : m[1];
          const s = toStr(st.read(name));
          if (s === undefined) return new Unknown(`$${name} in a string`);
          out += s;
          i += m[0].length;
          continue;
        }
      }
      out += c;
      i++;
    }
    return out;
  }

  cast(type: string, v: PsValue): PsValue {
    const t = type.toLowerCase().replace(/^system\./, '');
    if (v instanceof Unknown) return v;
    switch (t) {
      case 'int':
      case 'int32':
      case 'int64':
      case 'long':
      case 'uint32':
      case 'byte': {
        const n = toInt(v);
        return n === undefined ? new Unknown(`[${type}] of ${showValue(v)}`) : n;
      }
      case 'bool':
      case 'boolean':
      case 'switch':
        return truthy(v) ?? new Unknown(`[${type}]`);
      case 'string':
        return toStr(v) ?? new Unknown(`[${type}]`);
      case 'array':
      case 'object[]':
      case 'string[]':
        return asList(v).map((x) => (t === 'string[]' ? (toStr(x) ?? new Unknown('[string[]]')) : x));
      case 'int[]':
        return asList(v).map((x) => toInt(x) ?? new Unknown('[int[]]'));
      case 'void':
        return null;
      case 'ordered':
      case 'hashtable':
      case 'object':
      case 'psobject':
        return v;
      default:
        return new Unknown(`[${type}]`);
    }
  }

  private unary(op: string, v: PsValue): PsValue {
    switch (op) {
      case 'not': {
        const b = truthy(v);
        return b === undefined ? new Unknown('-not of an unknown') : !b;
      }
      case '-': {
        const n = toInt(v);
        return typeof v === 'number' ? -v : n === undefined ? new Unknown('negation') : -n;
      }
      case '+':
        return v;
      case '@':
        return v instanceof Unknown ? v : Array.isArray(v) ? v : v === null ? [] : [v];
      case 'join': {
        const parts = asList(v).map(toStr);
        return parts.some((p) => p === undefined) ? new Unknown('-join') : parts.join('');
      }
      default:
        return new Unknown(`-${op}`);
    }
  }

  private binaryExpr(e: Extract<Expr, { t: 'binary' }>, st: State): PsValue {
    if (e.op === 'and' || e.op === 'or') {
      const l = truthy(this.expr(e.left, st));
      if (e.op === 'and' && l === false) return false;
      if (e.op === 'or' && l === true) return true;
      const r = truthy(this.expr(e.right, st));
      if (e.op === 'and') return r === false ? false : l === true && r === true ? true : new Unknown('-and of an unknown');
      return r === true ? true : l === false && r === false ? false : new Unknown('-or of an unknown');
    }
    return this.binary(e.op, this.expr(e.left, st), this.expr(e.right, st), e.right);
  }

  binary(op: string, l: PsValue, r: PsValue, rightExpr?: Expr): PsValue {
    if (op === 'is' || op === 'isnot') {
      if (l instanceof Unknown) return new Unknown(`-${op}`);
      const type = rightExpr?.t === 'type' ? rightExpr.type.toLowerCase() : '';
      const is = type === 'int' ? Number.isInteger(l) : type === 'string' ? typeof l === 'string' : type === 'bool' ? typeof l === 'boolean' : type === 'array' ? Array.isArray(l) : type === 'hashtable' ? l instanceof PsHash : undefined;
      if (is === undefined) return new Unknown(`-${op} [${type}]`);
      return op === 'is' ? is : !is;
    }
    if (l instanceof Unknown || r instanceof Unknown) return new Unknown(`-${op} of an unknown`);
    switch (op) {
      case '+':
        if (Array.isArray(l)) return [...l, ...asList(r)];
        if (typeof l === 'string') {
          const s = toStr(r);
          return s === undefined ? new Unknown('+') : l + s;
        }
        if (typeof l === 'number') {
          const n = typeof r === 'number' ? r : toInt(r);
          return n === undefined ? new Unknown('+') : l + n;
        }
        if (l === null) return r;
        return new Unknown('+');
      case '-':
      case '*':
      case '/':
      case '%': {
        const a = typeof l === 'number' ? l : toInt(l);
        const b = typeof r === 'number' ? r : toInt(r);
        if (a === undefined || b === undefined) return new Unknown(op);
        if (op === '-') return a - b;
        if (op === '*') return a * b;
        if (op === '%') return b === 0 ? new Unknown('%') : a % b;
        return b === 0 ? new Unknown('/') : a / b;
      }
      case 'eq':
      case 'ne':
      case 'gt':
      case 'ge':
      case 'lt':
      case 'le': {
        if (Array.isArray(l)) {
          const hits = l.map((x) => this.compare(op, x, r));
          if (hits.some((h) => h === undefined)) return new Unknown(`-${op}`);
          return l.filter((_x, i) => hits[i] === true);
        }
        return this.compare(op, l, r) ?? new Unknown(`-${op}`);
      }
      case 'like':
      case 'notlike':
      case 'match':
      case 'notmatch': {
        // On a list, PowerShell filters its elements (`@('a', 'b') -like 'a'` is @('a'), true).
        if (Array.isArray(l)) {
          const hits = l.map((x) => this.binary(op, x, r));
          if (hits.some(isUnknownValue)) return new Unknown(`-${op}`);
          return l.filter((_x, i) => hits[i] === true);
        }
        const s = toStr(l);
        const p = toStr(r);
        if (s === undefined || p === undefined) return new Unknown(`-${op}`);
        // A wildcard's backtick escapes a wildcard character (`'a*' -like 'a`*'`), which the conversion does not follow.
        if (op.endsWith('like') && p.includes('`')) return new Unknown(`-${op} with a backtick in the pattern`);
        let re: RegExp | undefined;
        try {
          re = op.endsWith('like') ? new RegExp(`^${p.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i') : dotnetRegExp(p, s, 'i');
        } catch {
          return new Unknown(`-${op}`);
        }
        if (re === undefined) return new Unknown(`-${op} ${UNREAD_PATTERN}`);
        const hit = re.test(s);
        return op.startsWith('not') ? !hit : hit;
      }
      case 'contains':
      case 'notcontains':
      case 'in':
      case 'notin': {
        const [list, item] = op.endsWith('contains') ? [l, r] : [r, l];
        const items = asList(list);
        // A hashtable in the list compares by reference (`@(@{a=1}) -contains @{a=1}` is false), which is not tracked.
        if (items.some((x) => isUnknownValue(x) || x instanceof PsHash)) return new Unknown(`-${op}`);
        const hit = items.some((x) => sameValue(x, item) || (toStr(x)?.toLowerCase() === toStr(item)?.toLowerCase() && toStr(x) !== undefined));
        return op.startsWith('not') ? !hit : hit;
      }
      case 'split': {
        // On a list, PowerShell splits each element (and flattens the results).
        if (Array.isArray(l)) {
          const each = l.map((x) => this.binary(op, x, r));
          return each.some(isUnknownValue) ? new Unknown('-split') : each.flatMap(asList);
        }
        const s = toStr(l);
        const [pattern, count] = Array.isArray(r) ? [toStr(r[0]), toInt(r[1])] : [toStr(r), undefined];
        // A third element holds options (`'SimpleMatch'`, `'Multiline'`, …), which change how the pattern reads: not followed.
        if (s === undefined || pattern === undefined || (Array.isArray(r) && r.length > 2)) return new Unknown('-split');
        let re: RegExp | undefined;
        try {
          re = dotnetRegExp(pattern, s, 'i');
        } catch {
          return new Unknown('-split');
        }
        if (re === undefined) return new Unknown(`-split ${UNREAD_PATTERN}`);
        const parts: string[] = [];
        let rest = s;
        while (count === undefined || count <= 0 || parts.length < count - 1) {
          const m = re.exec(rest);
          if (!m) break;
          // An empty match splits between every character in PowerShell; not followed.
          if (m[0] === '') return new Unknown('-split with a pattern that matches empty text');
          parts.push(rest.slice(0, m.index));
          rest = rest.slice(m.index + m[0].length);
        }
        parts.push(rest);
        return parts;
      }
      case 'join': {
        const sep = toStr(r);
        const parts = asList(l).map(toStr);
        if (sep === undefined || parts.some((p) => p === undefined)) return new Unknown('-join');
        return parts.join(sep);
      }
      case 'replace': {
        // On a list, PowerShell replaces in each element.
        if (Array.isArray(l)) {
          const each = l.map((x) => this.binary(op, x, r));
          return each.some(isUnknownValue) ? new Unknown('-replace') : each;
        }
        const s = toStr(l);
        const [pattern, replacement] = Array.isArray(r) ? [toStr(r[0]), toStr(r[1] ?? '')] : [toStr(r), ''];
        if (s === undefined || pattern === undefined || replacement === undefined) return new Unknown('-replace');
        // .NET and JavaScript read the substitutions `$$` and `$1`…`$9` alike; any other `$` (`$0`, `$_`, `${name}`, `$10`)
        // they read differently, and .NET numbers named groups after the others: not followed.
        if (!/^(?:[^$]|\$\$|\$[1-9](?!\d))*$/.test(replacement) || (/\(\?</.test(pattern) && replacement.includes('$'))) return new Unknown('-replace with a substitution the evaluator does not follow');
        let re: RegExp | undefined;
        try {
          re = dotnetRegExp(pattern, s, 'gi');
        } catch {
          return new Unknown('-replace');
        }
        return re === undefined ? new Unknown(`-replace ${UNREAD_PATTERN}`) : s.replace(re, replacement);
      }
      default:
        return new Unknown(`-${op}`);
    }
  }

  private compare(op: string, l: PsValue, r: PsValue): boolean | undefined {
    // PowerShell converts the right side to the left side's type: a list holding an unknown (`'1 2' -eq @(1, $x)`) can
    // convert to anything, so it cannot be told either.
    const rs = toStr(r);
    if (l instanceof Unknown || rs === undefined) return undefined;
    // A hashtable on the left compares by reference in PowerShell (`@{a=1} -eq @{a=1}` is false), which is not tracked.
    if (l instanceof PsHash) return undefined;
    // A number on the right stays as it is (`2 -eq 1.5` is false); text converts to the left side's type. A fraction
    // on the left is a [double] (`1.5 -eq '1.5'` is true); a whole number may be an [int], which rounds the text (to
    // even: `[int]'2.5'` is 2), or a [double], which does not, and the evaluator does not track which: unknown.
    const fraction = typeof l === 'number' && typeof r === 'string' && /^[-+]?\d*\.\d+$/.test(r.trim()) ? Number(r) : undefined;
    if (fraction !== undefined && !Number.isInteger(fraction) && Number.isInteger(l)) return undefined;
    const rn = typeof r === 'number' ? r : (fraction ?? toInt(r));
    if (op === 'eq' || op === 'ne') {
      const same = sameValue(l, r) || rn === l || (typeof l === 'string' && rs.toLowerCase() === l.toLowerCase());
      return op === 'eq' ? same : !same;
    }
    const a = typeof l === 'number' || typeof l === 'string' ? l : toInt(l);
    const b = typeof l === 'string' ? rs : rn;
    if (a === undefined || b === undefined) return undefined;
    const x = typeof a === 'string' ? a.toLowerCase() : a;
    const y = typeof b === 'string' ? b.toLowerCase() : b;
    if (op === 'gt') return x > y;
    if (op === 'ge') return x >= y;
    if (op === 'lt') return x < y;
    return x <= y;
  }
}

/**
 * A helper is trusted at a call when its text is pinned and every script function its text names
 * (its dependencies, or a function shadowing a command it runs) is trusted too.
 */
const WORDS = new WeakMap<object, Set<string>>();

function trustedNow(fn: FunctionDef, st: State, seen: Set<string>): boolean {
  if (!fn.trusted) return false;
  const name = fn.def.name.toLowerCase();
  if (seen.has(name)) return true;
  seen.add(name);
  let words = WORDS.get(fn.def);
  if (!words) {
    words = new Set(fn.def.text.toLowerCase().split(/[\s(){}[\];,|]+/));
    WORDS.set(fn.def, words);
  }
  for (const [other, def] of st.functions) {
    if (other === name || !words.has(other)) continue;
    if (!trustedNow(def, st, seen)) return false;
  }
  return true;
}

function truthyText(v: PsValue): PsValue {
  if (v instanceof Unknown) return v;
  if (typeof v === 'boolean') return v;
  const s = toStr(v)?.toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : new Unknown(`-Enabled ${showValue(v)}`);
}

/** Methods of .NET strings, hashtables and arrays that change no object: a call of any other may change its target or its arguments. */
function isPureMethod(name: string): boolean {
  return /^(contains|containskey|containsvalue|tostring|tolower|tolowerinvariant|toupper|toupperinvariant|trim|trimstart|trimend|substring|startswith|endswith|indexof|split|replace|equals|gettype|gethashcode|clone|toarray|getenumerator)$/i.test(name);
}

const UNREAD_PATTERN = 'with a pattern the evaluator does not read the way .NET does';

/**
 * A .NET regular expression as a JavaScript one, when both read it the same way on `subject`; otherwise undefined
 * (and a pattern JavaScript cannot read throws). The subset: an ASCII pattern; escapes of punctuation, `\d \w \s \b`
 * and their negations, `\t \n \r \f \v`, `\xhh`, `\uhhhh`; no class subtraction (`[a-z-[aeiou]]`). .NET's `\A`, `\Z`,
 * `\G`, `\p{…}`, `\k<…>`, `\e` and numbered escapes are out. Of the groups, JavaScript reads `( )`, `(?: )`, lookarounds
 * and `(?<name> )` as .NET does and throws on .NET's others (inline options, `(?'name' )`, atomic, conditional, comment
 * groups; pinned by tests, so a Node that learns one is noticed). On text beyond printable ASCII, tabs and line feeds, `.`, `\w`, `\d`, `\s` and case
 * folding differ (.NET reads Unicode; `.` stops at `\r` in JavaScript only), and `$` also matches before a final line
 * break in .NET: such a subject is out too.
 */
function dotnetRegExp(pattern: string, subject: string, flags: string): RegExp | undefined {
  if (!/^[\x20-\x7e]*$/.test(pattern) || !/^[\x20-\x7e\t\n]*$/.test(subject)) return undefined;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const e = pattern.slice(i + 1);
      const escape = /^(?:[^A-Za-z0-9]|[dDwWsSbBtnrfv]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4})/.exec(e);
      if (!escape) return undefined;
      i += escape[0].length;
    } else if (c === '-' && pattern[i + 1] === '[') {
      return undefined;
    } else if (c === '$' && subject.endsWith('\n')) {
      return undefined;
    }
  }
  return new RegExp(pattern, flags);
}
