import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { studentTQuantile, studentTTwoSided } from '../../../analysis/stats/student-t.ts';

// Reference quantiles: standard t tables (R: qt(0.975, df)): 12.7062, 4.3027, 3.1824, 2.7764, 2.2622, 2.0452.
test('t quantiles match the table', () => {
  const table: [number, number][] = [
    [1, 12.7062047],
    [2, 4.3026527],
    [3, 3.1824463],
    [4, 2.7764451],
    [9, 2.2621572],
    [29, 2.0452296],
  ];
  for (const [df, q] of table) assert.ok(Math.abs(studentTQuantile(0.975, df) - q) < 1e-6, `df ${df}: ${studentTQuantile(0.975, df)}`);
  assert.ok(Math.abs(studentTQuantile(0.95, 10) - 1.8124611) < 1e-6);
});

test('two-sided probability: closed forms for df 1 and 2', () => {
  assert.ok(Math.abs(studentTTwoSided(1, 1) - 0.5) < 1e-12); // Cauchy: P(|T|<1) = 1/2
  assert.ok(Math.abs(studentTTwoSided(Math.sqrt(2), 2) - 1 / Math.sqrt(2)) < 1e-12); // t / sqrt(2 + t^2)
  assert.is(studentTTwoSided(0, 5), 0);
});

test('bad input', () => {
  assert.throws(() => studentTQuantile(0.3, 4), /0\.5 < p < 1/);
  assert.throws(() => studentTTwoSided(1, 0), /positive integer df/);
});

test.run();
