/**
 * A fast identity check derived from a zod schema: `compileCheck(schema)` walks the schema's definition
 * (`schema._zod.def`, zod v4) and generates one function `(value) => boolean` that is true ONLY IF zod would
 * accept the value AND zod's output would be deep-equal to it, keys in the same order. A parser's record that
 * passes needs no zod run (which walks the record and builds a deep copy); any other value goes to zod, so
 * what is accepted, and every error message, stays zod's. The zod schema remains the one declaration.
 * With `keyOrder: 'any'` the check ignores key order (true only if zod accepts and its output is deep-equal in
 * node's isDeepStrictEqual sense): for a caller that keeps its own object (pidstat) and, in safeParseRecord,
 * to give a draft whose keys are out of order back as a generated copy in zod's key order, as zod would.
 *
 * What zod v4 (4.6) does, and so what the check demands:
 * - object: a new plain object, the schema's keys in the schema's order (present ones only), unknown keys
 *   dropped (strip), refused (strict) or appended after the known ones in input order (passthrough/catchall).
 *   The check wants a plain object (prototype Object.prototype, no symbol keys) whose own keys are exactly the
 *   schema's keys in the schema's order (an optional key may be absent; present with `undefined` it stays),
 *   then, with a catchall, only unknown keys that the catchall keeps as they are.
 * - number: finite (NaN, Infinity refused; -0 kept as -0); int/safeint and the other number formats, gt/gte/lt/lte.
 * - string (with `.regex()`), boolean, null, undefined, literal, enum, unknown/any, never.
 * - nullable, optional (key may be absent), default (the value must be present: an absent one is filled in by
 *   zod, so the output would differ), array (plain, no holes where the element accepts undefined),
 *   record with a string key schema (no symbol keys, no own `__proto__`).
 * Anything else (refine/superRefine/check, transform, pipe, preprocess, lazy, union, intersection, tuple,
 * catch, prefault, readonly, string formats other than regex, length checks, ...) makes compileCheck return
 * null: the caller keeps plain zod. Records are JSON-shaped data: accessors and non-index properties on arrays
 * are not looked at.
 */
import type { z } from 'zod';

/** A compiled check: true only if zod accepts `value` and its output is deep-equal to `value`. */
export type RecordCheck = (value: unknown) => boolean;

interface SchemaLike {
  _zod: { def: Record<string, unknown> & { type: string; checks?: SchemaLike[] }; traits: Set<string>; optin?: string; optout?: string; values?: Set<unknown> };
}

/** zod's number formats: [min, max], and whether the format is an integer one (util.NUMBER_FORMAT_RANGES). */
const NUMBER_FORMATS: Record<string, [number, number, boolean]> = {
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true],
  int32: [-2147483648, 2147483647, true],
  uint32: [0, 4294967295, true],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38, false],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE, false],
};

/** Thrown inside the generator when a construct is not handled; compileCheck turns it into null. */
class Unsupported extends Error {}

/** The code generator's state: the function body, its constants, a counter for fresh names. */
class Gen {
  constructor(readonly keyOrder: 'schema' | 'any') {}
  lines: string[] = [];
  consts: unknown[] = [];
  n = 0;
  name(prefix: string): string {
    return `${prefix}${this.n++}`;
  }
  constant(value: unknown): string {
    this.consts.push(value);
    return `c[${this.consts.length - 1}]`;
  }
  emit(line: string): void {
    this.lines.push(line);
  }
}

function zodOf(schema: unknown): SchemaLike['_zod'] {
  const zod = (schema as SchemaLike | null)?._zod;
  if (!zod || typeof zod !== 'object' || !zod.def || !(zod.traits instanceof Set)) throw new Unsupported('not a zod v4 schema');
  return zod;
}

/** The checks zod runs on a schema after its type test: its def's checks, and itself when it is one (z.int()). */
function checksOf(zod: SchemaLike['_zod'], self: unknown): SchemaLike[] {
  const list = (zod.def.checks ?? []) as SchemaLike[];
  return zod.traits.has('$ZodCheck') ? [self as SchemaLike, ...list] : list;
}

function noChecks(zod: SchemaLike['_zod'], self: unknown): void {
  if (checksOf(zod, self).length !== 0) throw new Unsupported(`checks on ${zod.def.type}`);
}

/** A JavaScript literal for a primitive the check compares with `===`, or null when `===` would not do. */
function primitiveLiteral(v: unknown): string | null {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' && !Number.isNaN(v)) return Number.isFinite(v) ? String(v) : v > 0 ? 'Infinity' : '-Infinity';
  return null;
}

/** Whether the schema's check might accept `undefined` (arrays then also test for holes). Over-answering is safe. */
function mayAcceptUndefined(schema: unknown): boolean {
  const zod = zodOf(schema);
  switch (zod.def.type) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'null':
    case 'object':
    case 'array':
    case 'record':
    case 'default':
    case 'never':
      return false;
    case 'nullable':
      return mayAcceptUndefined(zod.def.innerType);
    case 'literal':
    case 'enum':
      return zod.values?.has(undefined) ?? true;
    default:
      return true;
  }
}

/** Emit statements that `return false` unless the value in variable `v` passes `schema` unchanged. */
function gen(g: Gen, schema: unknown, v: string): void {
  const zod = zodOf(schema);
  const def = zod.def;
  if (def.coerce === true && !['number', 'string', 'boolean'].includes(def.type)) throw new Unsupported('coerce');
  switch (def.type) {
    case 'number': {
      if (!zod.traits.has('$ZodNumber')) throw new Unsupported('number');
      // coerce: Number(x) of a number is x, and the check demands a number
      g.emit(`if (typeof ${v} !== 'number' || !Number.isFinite(${v})) return false;`);
      for (const c of checksOf(zod, schema)) {
        const cd = c._zod.def as Record<string, unknown>;
        if (cd.when !== undefined) throw new Unsupported('check with when');
        if (cd.check === 'number_format' && c._zod.traits.has('$ZodCheckNumberFormat')) {
          const f = NUMBER_FORMATS[(cd.format as string | undefined) ?? 'float64'];
          if (!f) throw new Unsupported(`number format ${String(cd.format)}`);
          if (f[2]) g.emit(`if (!Number.isSafeInteger(${v})) return false;`);
          if (f[0] !== Number.MIN_SAFE_INTEGER && f[0] !== -Number.MAX_VALUE) g.emit(`if (${v} < ${f[0]}) return false;`);
          if (f[1] !== Number.MAX_SAFE_INTEGER && f[1] !== Number.MAX_VALUE) g.emit(`if (${v} > ${f[1]}) return false;`);
        } else if ((cd.check === 'greater_than' || cd.check === 'less_than') && typeof cd.value === 'number' && !Number.isNaN(cd.value)) {
          const op = cd.check === 'greater_than' ? (cd.inclusive ? '>=' : '>') : cd.inclusive ? '<=' : '<';
          g.emit(`if (!(${v} ${op} ${primitiveLiteral(cd.value)})) return false;`);
        } else {
          throw new Unsupported(`number check ${String(cd.check)}`);
        }
      }
      return;
    }
    case 'string': {
      if (!zod.traits.has('$ZodString')) throw new Unsupported('string');
      g.emit(`if (typeof ${v} !== 'string') return false;`);
      for (const c of checksOf(zod, schema)) {
        const cd = c._zod.def as Record<string, unknown>;
        if (cd.when !== undefined) throw new Unsupported('check with when');
        if (cd.check === 'string_format' && cd.format === 'regex' && c._zod.traits.has('$ZodCheckRegex') && cd.pattern instanceof RegExp) {
          const re = g.constant(cd.pattern);
          g.emit(`${re}.lastIndex = 0; if (!${re}.test(${v})) return false;`);
        } else {
          throw new Unsupported(`string check ${String(cd.check)}`);
        }
      }
      return;
    }
    case 'boolean':
      noChecks(zod, schema);
      g.emit(`if (typeof ${v} !== 'boolean') return false;`);
      return;
    case 'null':
      noChecks(zod, schema);
      g.emit(`if (${v} !== null) return false;`);
      return;
    case 'undefined':
      noChecks(zod, schema);
      g.emit(`if (${v} !== undefined) return false;`);
      return;
    case 'unknown':
    case 'any':
      noChecks(zod, schema);
      return;
    case 'never':
      noChecks(zod, schema);
      g.emit('return false;');
      return;
    case 'literal':
    case 'enum': {
      noChecks(zod, schema);
      const values = zod.values;
      if (!(values instanceof Set)) throw new Unsupported(`${def.type} without values`);
      if (values.size === 0) {
        g.emit('return false;');
        return;
      }
      const literals = [...values].map(primitiveLiteral);
      if (literals.some((l) => l === null)) throw new Unsupported(`${def.type} value that === cannot compare`);
      g.emit(`if (${literals.map((l) => `${v} !== ${l}`).join(' && ')}) return false;`);
      return;
    }
    case 'nullable': {
      noChecks(zod, schema);
      const inner = g.name('n');
      const body = sub(g, def.innerType, inner);
      g.emit(`if (${v} !== null) { const ${inner} = ${v}; ${body} }`);
      return;
    }
    case 'optional': {
      noChecks(zod, schema);
      const innerZod = zodOf(def.innerType);
      // exactOptional does not accept undefined itself; an optional default fills undefined in
      if (zod.traits.has('$ZodExactOptional') || innerZod.optin === 'defaulted') {
        gen(g, def.innerType, v);
        return;
      }
      const inner = g.name('u');
      const body = sub(g, def.innerType, inner);
      g.emit(`if (${v} !== undefined) { const ${inner} = ${v}; ${body} }`);
      return;
    }
    case 'default': {
      noChecks(zod, schema);
      if (!zod.traits.has('$ZodDefault')) throw new Unsupported('default');
      g.emit(`if (${v} === undefined) return false;`);
      gen(g, def.innerType, v);
      return;
    }
    case 'array': {
      noChecks(zod, schema);
      const i = g.name('i');
      const n = g.name('len');
      const x = g.name('e');
      const holes = mayAcceptUndefined(def.element);
      const body = sub(g, def.element, x);
      g.emit(`if (!Array.isArray(${v}) || gp(${v}) !== AP) return false;`);
      g.emit(`for (let ${i} = 0, ${n} = ${v}.length; ${i} < ${n}; ${i}++) { const ${x} = ${v}[${i}];${holes ? ` if (${x} === undefined && !(${i} in ${v})) return false;` : ''} ${body} }`);
      return;
    }
    case 'object':
      genObject(g, zod, schema, v);
      return;
    case 'record': {
      noChecks(zod, schema);
      const keyZod = zodOf(def.keyType);
      if (keyZod.def.type !== 'string' || keyZod.values !== undefined || def.partial) throw new Unsupported('record key schema other than a string');
      const ks = g.name('ks');
      const j = g.name('j');
      const k = g.name('k');
      const x = g.name('r');
      const keyBody = sub(g, def.keyType, k);
      const valueBody = sub(g, def.valueType, x);
      g.emit(`if (typeof ${v} !== 'object' || ${v} === null || gp(${v}) !== OP || gs(${v}).length !== 0) return false;`);
      g.emit(`const ${ks} = Object.keys(${v});`);
      // zod's isPlainObject refuses an own function `constructor` whose prototype is not an object's
      g.emit(`for (let ${j} = 0; ${j} < ${ks}.length; ${j}++) { const ${k} = ${ks}[${j}]; if (${k} === '__proto__') return false; ${keyBody} const ${x} = ${v}[${k}]; if (${k} === 'constructor' && typeof ${x} === 'function') return false; ${valueBody} }`);
      return;
    }
    default:
      throw new Unsupported(def.type);
  }
}

/** The statements of a nested check, as one string (generated into the current function). */
function sub(g: Gen, schema: unknown, v: string): string {
  const outer = g.lines;
  g.lines = [];
  try {
    gen(g, schema, v);
    return g.lines.join(' ');
  } finally {
    g.lines = outer;
  }
}

function genObject(g: Gen, zod: SchemaLike['_zod'], schema: unknown, v: string): void {
  noChecks(zod, schema);
  if (!zod.traits.has('$ZodObject')) throw new Unsupported('object');
  const shape = zod.def.shape as Record<string, unknown>;
  if (Object.getOwnPropertySymbols(shape).length !== 0) throw new Unsupported('symbol keys');
  const keys = Object.keys(shape);
  const catchall = zod.def.catchall;
  const catchZod = catchall === undefined ? null : zodOf(catchall);
  if (catchZod !== null) {
    if (catchZod.def.type === 'never') noChecks(catchZod, catchall);
    else if (catchZod.optin !== undefined || catchZod.optout !== undefined) throw new Unsupported('optional catchall');
  }
  const passthrough = catchZod !== null && catchZod.def.type !== 'never';
  g.emit(`if (typeof ${v} !== 'object' || ${v} === null || gp(${v}) !== OP || gs(${v}).length !== 0) return false;`);
  const ordered = g.keyOrder === 'schema';
  const ks = g.name('ks');
  const j = g.name('j');
  if (ordered) g.emit(`const ${ks} = Object.keys(${v}); let ${j} = 0;`);
  else g.emit(`let ${j} = 0;`); // present known keys
  for (const key of keys) {
    // zod skips a declared __proto__, and reads keys through the prototype chain (`key in input`)
    if (key === '__proto__' || key in Object.prototype) throw new Unsupported(`key ${key}`);
    const field = zodOf(shape[key]);
    const lit = JSON.stringify(key);
    const x = g.name('f');
    const body = sub(g, shape[key], x);
    // zod leaves an absent key absent only when its schema is optional in and out
    const mayBeAbsent = field.optin === 'optional' && field.optout === 'optional';
    if (ordered) {
      if (mayBeAbsent) g.emit(`if (${ks}[${j}] === ${lit}) { ${j}++; const ${x} = ${v}[${lit}]; ${body} }`);
      else g.emit(`if (${ks}[${j}] !== ${lit}) return false; ${j}++; { const ${x} = ${v}[${lit}]; ${body} }`);
    } else if (mayBeAbsent) {
      g.emit(`{ const ${x} = ${v}[${lit}]; if (${x} !== undefined || ${lit} in ${v}) { ${j}++; ${body} } }`);
    } else {
      g.emit(`{ const ${x} = ${v}[${lit}]; if (${x} === undefined && !(${lit} in ${v})) return false; ${j}++; ${body} }`);
    }
  }
  if (!passthrough) {
    // strip would drop an unknown key, strict refuses it: either way none may be there
    g.emit(ordered ? `if (${j} !== ${ks}.length) return false;` : `if (${j} !== nk(${v})) return false;`);
    return;
  }
  // passthrough / catchall: unknown keys are appended after the known ones, in input order, each through the catchall
  const known = g.constant(new Set(keys));
  const k = g.name('k');
  const x = g.name('x');
  const body = sub(g, catchall, x);
  if (ordered) {
    g.emit(`for (; ${j} < ${ks}.length; ${j}++) { const ${k} = ${ks}[${j}]; if (${k} === '__proto__' || ${known}.has(${k})) return false; const ${x} = ${v}[${k}]; ${body} }`);
  } else {
    g.emit(`for (const ${k} in ${v}) { if (${known}.has(${k})) continue; if (${k} === '__proto__') return false; const ${x} = ${v}[${k}]; ${body} }`);
  }
}

/** Keys of a plain object whose prototype (Object.prototype) has no enumerable property: its own enumerable keys. */
function countKeys(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

/** What the check demands of key order: zod's output order ('schema'), or none ('any': deep-equal ignoring order). */
export interface CheckOptions {
  keyOrder?: 'schema' | 'any';
}

const compiled = new WeakMap<object, RecordCheck | null>();
const compiledAnyOrder = new WeakMap<object, RecordCheck | null>();

/**
 * Compile (once per schema object and key-order mode, cached) a check that is true only if zod accepts the
 * value and returns an output deep-equal to it: with the keys in the same order (`keyOrder: 'schema'`, the
 * default: the output is then also JSON.stringify-identical), or in any order (`keyOrder: 'any'`, for a caller
 * that keeps its own object and only needs zod's verdict). Null when the schema uses a construct this does not handle.
 *
 * @example
 * const check = compileCheck(z.object({ pid: z.number().int(), command: z.string() }));
 * check?.({ pid: 12, command: 'nginx' }) // true
 * check?.({ command: 'nginx', pid: 12 }) // false (zod would reorder the keys)
 * compileCheck(schema, { keyOrder: 'any' })?.({ command: 'nginx', pid: 12 }) // true
 * compileCheck(z.string().transform((s) => s.length)) // null
 */
export function compileCheck(schema: z.ZodType, options: CheckOptions = {}): RecordCheck | null {
  const keyOrder = options.keyOrder ?? 'schema';
  const cache = keyOrder === 'schema' ? compiled : compiledAnyOrder;
  const cached = cache.get(schema);
  if (cached !== undefined) return cached;
  let check: RecordCheck | null;
  try {
    const g = new Gen(keyOrder);
    gen(g, schema, 'v');
    const body = `return function recordCheck(v) { ${g.lines.join('\n')}\nreturn true; };`;
    check = new Function('c', 'OP', 'AP', 'gp', 'gs', 'nk', body)(g.consts, Object.prototype, Array.prototype, Object.getPrototypeOf, Object.getOwnPropertySymbols, countKeys) as RecordCheck;
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
    check = null;
  }
  cache.set(schema, check);
  return check;
}

/**
 * Emit (into `fns`) a function that returns a copy of a value that passed the any-order check, with every
 * object's keys in the order zod's output has them; returns the expression that copies `v`, or null when the
 * value contains no object (it is then shared: equal to zod's copy).
 */
function genCopy(g: Gen, fns: string[], schema: unknown, v: string): string | null {
  const zod = zodOf(schema);
  const def = zod.def;
  switch (def.type) {
    case 'nullable':
    case 'optional': {
      const inner = genCopy(g, fns, def.innerType, v);
      return inner === null ? null : `(${v} == null ? ${v} : ${inner})`;
    }
    case 'default':
      return genCopy(g, fns, def.innerType, v);
    case 'array': {
      const x = g.name('e');
      const inner = genCopy(g, fns, def.element, x);
      if (inner === null) return `${v}.slice()`;
      const fn = g.name('copyArray');
      fns.push(`function ${fn}(a) { const r = new Array(a.length); for (let i = 0; i < a.length; i++) { const ${x} = a[i]; r[i] = ${inner}; } return r; }`);
      return `${fn}(${v})`;
    }
    case 'record': {
      const x = g.name('r');
      const inner = genCopy(g, fns, def.valueType, x);
      const fn = g.name('copyRecord');
      fns.push(`function ${fn}(o) { const r = {}; for (const k of Object.keys(o)) { const ${x} = o[k]; r[k] = ${inner ?? x}; } return r; }`);
      return `${fn}(${v})`;
    }
    case 'object': {
      const shape = zod.def.shape as Record<string, unknown>;
      const fn = g.name('copyObject');
      const lines: string[] = [`function ${fn}(o) { const r = {};`];
      for (const key of Object.keys(shape)) {
        const field = zodOf(shape[key]);
        const lit = JSON.stringify(key);
        const x = g.name('f');
        const inner = genCopy(g, fns, shape[key], x) ?? x;
        if (field.optin === 'optional' && field.optout === 'optional') lines.push(`{ const ${x} = o[${lit}]; if (${x} !== undefined || ${lit} in o) r[${lit}] = ${inner}; }`);
        else lines.push(`{ const ${x} = o[${lit}]; r[${lit}] = ${inner}; }`);
      }
      const catchall = zod.def.catchall;
      if (catchall !== undefined && zodOf(catchall).def.type !== 'never') {
        const x = g.name('x');
        const inner = genCopy(g, fns, catchall, x) ?? x;
        lines.push(`for (const k in o) { if (${g.constant(new Set(Object.keys(shape)))}.has(k)) continue; const ${x} = o[k]; r[k] = ${inner}; }`);
      }
      lines.push('return r; }');
      fns.push(lines.join(' '));
      return `${fn}(${v})`;
    }
    default:
      return null; // primitives, unknown/any (zod passes those through as they are)
  }
}

/** The compiled pieces for one schema: the checks in both key orders and the ordered copy. */
interface Compiled {
  ordered: RecordCheck | null;
  anyOrder: RecordCheck | null;
  /** a copy with zod's key order of a value that passed `anyOrder` */
  copy: ((value: unknown) => unknown) | null;
}

const pieces = new WeakMap<object, Compiled>();

function compiledFor(schema: z.ZodType): Compiled {
  let c = pieces.get(schema);
  if (c === undefined) {
    const ordered = compileCheck(schema);
    const anyOrder = ordered === null ? null : compileCheck(schema, { keyOrder: 'any' });
    let copy: Compiled['copy'] = null;
    if (anyOrder !== null) {
      const g = new Gen('any');
      const fns: string[] = [];
      const top = genCopy(g, fns, schema, 'v') ?? 'v';
      copy = new Function('c', `${fns.join('\n')}\nreturn function orderedCopy(v) { return ${top}; };`)(g.consts) as (value: unknown) => unknown;
    }
    c = { ordered, anyOrder, copy };
    pieces.set(schema, c);
  }
  return c;
}

/**
 * Zod's verdict and output without running zod when the compiled checks can tell: a value that passes as it
 * is comes back itself; one that passes but for key order comes back as a copy in zod's key order (what zod
 * returns, built without zod's bookkeeping); null when neither check passes (or none compiles).
 */
function fastOutput(schema: z.ZodType, value: unknown): { value: unknown } | null {
  const c = compiledFor(schema);
  if (c.ordered === null) return null;
  if (c.ordered(value)) return { value };
  if (c.anyOrder !== null && c.copy !== null && c.anyOrder(value)) return { value: c.copy(value) };
  return null;
}

/**
 * `schema.safeParse(value)`, without zod when the compiled check passes: then `data` is `value` itself, or
 * (keys out of zod's order) a copy in zod's key order; deep-equal and JSON-identical to zod's output either way.
 * Otherwise it is zod's own result, errors and all.
 *
 * @example
 * const checked = safeParseRecord(StraceRecord, record);
 * if (!checked.success) throw new ParseError(`strace record invalid at ${checked.error.issues[0].path.join('.')}: ...`);
 * checked.data === record // true when the record passed the check with its keys in the schema's order
 */
export function safeParseRecord<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  const fast = fastOutput(schema, value);
  if (fast !== null) return { success: true, data: fast.value as z.output<S> };
  return schema.safeParse(value) as z.ZodSafeParseResult<z.output<S>>;
}

/**
 * `schema.parse(value)`, without zod when the compiled check passes (see safeParseRecord); otherwise zod
 * parses, and throws its own error.
 *
 * @example
 * parseRecord(LegacyCsvRecord, { format: 'legacy-csv', samples, invalid_cells: [] }) // the same object, validated
 */
export function parseRecord<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const fast = fastOutput(schema, value);
  if (fast !== null) return fast.value as z.output<S>;
  return schema.parse(value) as z.output<S>;
}
