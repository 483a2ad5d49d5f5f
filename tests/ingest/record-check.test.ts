import { isDeepStrictEqual } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { compileCheck, parseRecord, safeParseRecord } from '../../ingest/record-check.ts';

/** The check's answer for `value`, asserted to be `expected`; a true answer must be zod's accept-unchanged. */
function agree(schema: z.ZodType, value: unknown, expected: boolean): void {
  const check = compileCheck(schema);
  if (check === null) throw new Error('expected a compiled check');
  assert.is(check(value), expected, `check(${String(JSON.stringify(value))})`);
  const zod = schema.safeParse(value);
  if (expected) {
    assert.ok(zod.success, 'zod accepts what the check passes');
    assert.ok(isDeepStrictEqual(zod.data, value), 'zod output deep-equal');
    assert.is(JSON.stringify(zod.data), JSON.stringify(value));
  }
}

test('number: finite only; -0 kept; int is a safe integer; gt/gte/lt/lte', () => {
  const n = z.number();
  agree(n, 1.5, true);
  agree(n, -0, true);
  agree(n, Number.NaN, false);
  agree(n, Infinity, false);
  agree(n, -Infinity, false);
  agree(n, '1', false);
  agree(n, null, false);
  agree(n, undefined, false);
  const count = z.number().int().nonnegative();
  agree(count, 0, true);
  agree(count, 7, true);
  agree(count, -1, false);
  agree(count, 1.5, false);
  agree(count, 2 ** 53, false);
  const pos = z.number().positive();
  agree(pos, 0.1, true);
  agree(pos, 0, false);
  agree(pos, -0, false);
  agree(z.number().max(3), 3, true);
  agree(z.number().max(3), 3.5, false);
  agree(z.number().lt(3), 3, false);
  agree(z.int32(), 2147483647, true);
  agree(z.int32(), 2147483648, false);
  agree(z.int(), 5, true);
  agree(z.int(), 5.5, false);
});

test('string (regex, lastIndex reset as zod does), boolean, null, literal, enum', () => {
  const time = z.string().regex(/^\d{2}:\d{2}:\d{2}$/);
  agree(time, '19:01:16', true);
  agree(time, '7:01:16', false);
  agree(time, 190116, false);
  const global = z.string().regex(/a/g);
  agree(global, 'a', true);
  agree(global, 'a', true); // a /g regex keeps lastIndex between tests; zod resets it
  agree(z.string(), '', true);
  agree(z.boolean(), false, true);
  agree(z.boolean(), 0, false);
  agree(z.null(), null, true);
  agree(z.null(), undefined, false);
  agree(z.literal('pidstat'), 'pidstat', true);
  agree(z.literal('pidstat'), 'wrk', false);
  agree(z.literal(1), 1, true);
  agree(z.literal(1), '1', false);
  const e = z.enum(['counted', 'not supported']);
  agree(e, 'not supported', true);
  agree(e, 'bogus', false);
  agree(e, null, false);
});

test('nullable, optional (absent stays absent, present undefined stays), default (only when present)', () => {
  const s = z.object({ a: z.number().nullable(), b: z.number().nullable().optional(), c: z.boolean().default(false) });
  agree(s, { a: null, b: 2, c: true }, true);
  agree(s, { a: 1, c: false }, true);
  agree(s, { a: 1, b: undefined, c: false }, true);
  agree(s, { a: 1, b: null, c: false }, true);
  agree(s, { a: undefined, c: false }, false);
  agree(s, { c: false }, false);
  agree(s, { a: 1 }, false); // zod fills c in: its output differs
  agree(s, { a: 1, c: undefined }, false);
  agree(s, { a: 1, b: Number.NaN, c: false }, false);
});

test('object: keys exactly in the schema order; unknown keys, strict, passthrough; plain objects only', () => {
  const s = z.object({ pid: z.number().int(), command: z.string() });
  agree(s, { pid: 1, command: 'x' }, true);
  agree(s, { command: 'x', pid: 1 }, false); // zod would reorder
  agree(s, { pid: 1, command: 'x', extra: 1 }, false); // zod would drop it
  agree(s, { pid: 1 }, false);
  agree(s, [1, 'x'], false);
  agree(s, null, false);
  agree(s, Object.assign(Object.create(null), { pid: 1, command: 'x' }), false);
  agree(s, { pid: 1, command: 'x', [Symbol('s')]: 1 }, false);
  class Task {
    pid = 1;
    command = 'x';
  }
  agree(s, new Task(), false);
  agree(s.strict(), { pid: 1, command: 'x' }, true);
  agree(s.strict(), { pid: 1, command: 'x', extra: 1 }, false);
  const loose = s.passthrough();
  agree(loose, { pid: 1, command: 'x', extra: { deep: [1] } }, true);
  agree(loose, { extra: 1, pid: 1, command: 'x' }, false); // zod puts known keys first
  agree(loose, { pid: 1, command: 'x', extra: undefined }, true);
  const typed = s.catchall(z.number());
  agree(typed, { pid: 1, command: 'x', n: 2 }, true);
  agree(typed, { pid: 1, command: 'x', n: 'two' }, false);
  agree(z.object({}), {}, true);
  agree(z.object({ o: z.object({ a: z.string() }) }), { o: { a: 'x' } }, true);
  agree(z.object({ o: z.object({ a: z.string() }) }), { o: { a: 'x', b: 1 } }, false);
});

test('array: plain arrays; holes refused where the element takes undefined; record: string keys', () => {
  const a = z.array(z.number());
  agree(a, [], true);
  agree(a, [1, 2], true);
  agree(a, [1, Number.NaN], false);
  agree(a, { length: 0 }, false);
  const sparse = [1, 2, 3];
  delete sparse[1];
  agree(a, sparse, false);
  const opt = z.array(z.number().optional());
  agree(opt, [1, undefined], true);
  agree(opt, sparse, false); // zod turns the hole into undefined
  class List extends Array<number> {}
  agree(a, List.from([1]), false);
  const r = z.record(z.string(), z.string());
  agree(r, {}, true);
  agree(r, { b: 'x', a: 'y', 1: 'z' }, true);
  agree(r, { a: 1 }, false);
  agree(r, { a: 'x', [Symbol('s')]: 'y' }, false);
  agree(r, JSON.parse('{"__proto__": "x"}'), false);
  agree(z.record(z.string().regex(/^[a-z]+$/), z.number()), { ab: 1 }, true);
  agree(z.record(z.string().regex(/^[a-z]+$/), z.number()), { A: 1 }, false);
});

test("keyOrder 'any': zod's verdict for a caller keeping its own object; deep-equal ignoring key order", () => {
  const s = z.object({ pid: z.number().int(), tid: z.number().int().optional(), command: z.string() });
  const any = compileCheck(s, { keyOrder: 'any' });
  if (any === null) throw new Error('expected a check');
  assert.is(any({ command: 'x', pid: 1 }), true);
  assert.is(any({ command: 'x', tid: 2, pid: 1 }), true);
  assert.is(any({ command: 'x', tid: undefined, pid: 1 }), true);
  assert.is(any({ command: 'x' }), false);
  assert.is(any({ command: 'x', pid: 1, extra: 1 }), false);
  assert.is(any({ command: 'x', pid: 1.5 }), false);
  assert.is(any(Object.assign(Object.create(null), { pid: 1, command: 'x' })), false);
  const loose = compileCheck(s.passthrough(), { keyOrder: 'any' });
  assert.is(loose?.({ extra: [1], command: 'x', pid: 1 }), true);
  assert.ok(compileCheck(s, { keyOrder: 'any' }) === any && any !== compileCheck(s));
  // safeParseRecord gives such a value back as a copy in zod's key order, equal to zod's output
  const nested = z.object({ a: z.number(), o: z.object({ p: z.string(), q: z.number().optional() }), l: z.array(z.object({ x: z.number(), y: z.number() })) });
  const value = { o: { q: 1, p: 'p' }, l: [{ y: 2, x: 1 }], a: 3 };
  const fast = safeParseRecord(nested, value);
  assert.ok(fast.success);
  assert.is(JSON.stringify(fast.data), JSON.stringify(nested.parse(value)));
  assert.is(JSON.stringify(fast.data), '{"a":3,"o":{"p":"p","q":1},"l":[{"x":1,"y":2}]}');
});

test('unsupported constructs give null (callers keep plain zod)', () => {
  const unsupported: [string, z.ZodType][] = [
    ['refine', z.number().refine((x) => x > 1)],
    ['refine on object', z.object({ a: z.number() }).refine((o) => o.a > 1)],
    ['transform', z.string().transform((s) => s.length)],
    ['pipe', z.string().pipe(z.string())],
    ['preprocess', z.preprocess((x) => x, z.number())],
    ['lazy', z.lazy(() => z.number())],
    ['union', z.union([z.string(), z.number()])],
    ['discriminated union', z.discriminatedUnion('k', [z.object({ k: z.literal('a') }), z.object({ k: z.literal('b') })])],
    ['intersection', z.intersection(z.object({ a: z.number() }), z.object({ b: z.number() }))],
    ['tuple', z.tuple([z.number()])],
    ['catch', z.number().catch(0)],
    ['prefault', z.number().prefault(0)],
    ['readonly', z.object({ a: z.number() }).readonly()],
    ['string min length', z.string().min(2)],
    ['email', z.email()],
    ['trim', z.string().trim()],
    ['multipleOf', z.number().multipleOf(2)],
    ['array min', z.array(z.number()).min(1)],
    ['date', z.date()],
    ['bigint', z.bigint()],
    ['literal NaN', z.literal(Number.NaN)],
    ['enum-keyed record', z.record(z.enum(['a']), z.number())],
    ['nested in an array', z.array(z.object({ t: z.string().transform((s) => s) }))],
    ['key read through the prototype', z.object({ toString: z.string() })],
  ];
  for (const [name, schema] of unsupported) assert.is(compileCheck(schema), null, name);
});

test('compileCheck caches per schema object; safeParseRecord returns the record itself or zod result', () => {
  const s = z.object({ n: z.number().int() });
  const check = compileCheck(s);
  assert.ok(check !== null);
  assert.is(compileCheck(s), check);
  const rec = { n: 3 };
  const ok = safeParseRecord(s, rec);
  assert.ok(ok.success);
  assert.is(ok.data, rec);
  assert.is(parseRecord(s, rec), rec);
  const bad = { n: 1.5 };
  const failed = safeParseRecord(s, bad);
  const zod = s.safeParse(bad);
  assert.not.ok(failed.success);
  assert.not.ok(zod.success);
  assert.is(JSON.stringify(failed.error?.issues), JSON.stringify(zod.error?.issues));
  assert.is(failed.error?.issues[0].message, 'Invalid input: expected int, received number');
  assert.throws(() => parseRecord(s, bad), /expected int, received number/);
  // a passing value that zod copies (key order) comes back as zod's copy
  const reordered = z.object({ a: z.number(), b: z.number() });
  const copy = safeParseRecord(reordered, { b: 1, a: 2 });
  assert.ok(copy.success);
  assert.is(JSON.stringify(copy.data), '{"a":2,"b":1}');
  // a schema the check does not handle still validates, through zod
  const refined = z.number().refine((x) => x > 1, 'too small');
  assert.is(safeParseRecord(refined, 0).error?.issues[0].message, 'too small');
  assert.is(parseRecord(refined, 2), 2);
});

test.run();
