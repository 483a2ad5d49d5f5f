import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AVERAGE_LABELS, averageLabelLength } from '../../../ingest/parsers/pidstat-average-label.ts';

test('translated labels of sysstat 12.6 catalogs are recognised as one or more tokens', () => {
  assert.is(averageLabelLength(['Average:', '0', '9073']), 1);
  assert.is(averageLabelLength(['Moyenne\u202f:', '0', '9073']), 1);
  assert.is(averageLabelLength(['Moyenne', ':', '0', '9073']), 2);
  assert.is(averageLabelLength(['Durchschn.:', '999', '5334']), 1);
  assert.is(averageLabelLength(['Среднее:', '0', '1']), 1);
  assert.is(averageLabelLength(['平均时间:', '0', '979']), 1);
  assert.is(averageLabelLength(['平均時間：', '0', '979']), 1);
  assert.is(averageLabelLength(['Trung', 'bình:', '0', '1']), 2);
  for (const label of AVERAGE_LABELS) assert.ok(averageLabelLength(label.split(' ')) > 0, label);
});

test('times, meridiem-first times and words without a colon are not labels', () => {
  assert.is(averageLabelLength(['12:53:20', '0', '9073']), 0);
  assert.is(averageLabelLength(['1795373486', '0', '9073']), 0);
  assert.is(averageLabelLength(['오후', '07시', '25분']), 0);
  assert.is(averageLabelLength(['Begin']), 0);
  assert.is(averageLabelLength(['avg-cpu:', '%user']), 1); // shape only: the parser checks the header context
});

test.run();
