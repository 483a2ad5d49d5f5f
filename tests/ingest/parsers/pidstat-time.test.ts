import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isMeridiem, parsePidstatTime, timePrefixLength } from '../../../ingest/parsers/pidstat-time.ts';

test('24-hour and ISO times', () => {
  assert.equal(parsePidstatTime('18:51:00'), { secondsOfDay: 67860, epoch: null, twelveHour: false });
  assert.is(parsePidstatTime('00:00:00')!.secondsOfDay, 0);
  assert.is(parsePidstatTime('23:59:59')!.secondsOfDay, 86399);
  assert.is(parsePidstatTime('24:00:00'), null);
  assert.is(parsePidstatTime('18:61:00'), null);
  assert.is(parsePidstatTime('1a:00:00'), null); // HH:MM:SS is two digits each, nothing else
});

test('12-hour times: 12 AM is midnight, 12 PM is noon', () => {
  assert.equal(parsePidstatTime('06:51:03 PM'), { secondsOfDay: 67863, epoch: null, twelveHour: true });
  assert.is(parsePidstatTime('12:00:00 AM')!.secondsOfDay, 0);
  assert.is(parsePidstatTime('12:06:39 PM')!.secondsOfDay, 12 * 3600 + 6 * 60 + 39);
  assert.is(parsePidstatTime('11:59:59 PM')!.secondsOfDay, 86399);
  assert.is(parsePidstatTime('07:25:48 am')!.secondsOfDay, 7 * 3600 + 25 * 60 + 48);
  assert.is(parsePidstatTime('13:00:00 PM'), null);
  assert.is(parsePidstatTime('오후 07시 25분 48초')!.secondsOfDay, 19 * 3600 + 25 * 60 + 48);
  assert.is(parsePidstatTime('下午 07时25分48秒')!.secondsOfDay, 19 * 3600 + 25 * 60 + 48);
});

test('localized 24-hour forms', () => {
  assert.is(parsePidstatTime('18时53分35秒')!.secondsOfDay, 68015);
  assert.is(parsePidstatTime('18시 51분 05초')!.secondsOfDay, 67865);
  assert.is(parsePidstatTime('18時51分05秒')!.secondsOfDay, 67865);
});

test('-H epoch seconds', () => {
  assert.equal(parsePidstatTime('1646859221'), { secondsOfDay: 75221, epoch: 1646859221, twelveHour: false });
  assert.is(parsePidstatTime('Average:'), null);
  assert.is(parsePidstatTime('12345'), null);
  assert.is(parsePidstatTime('999999999999')!.epoch, 999999999999); // 12 digits: the year 33658
  assert.is(parsePidstatTime('1795373463000'), null); // 13 digits: milliseconds, or beyond any date
});

test('timePrefixLength: where the time ends in a row without a header time', () => {
  assert.is(timePrefixLength(['06:51:03', 'PM', '0', '9073']), 2);
  assert.is(timePrefixLength(['18시', '51분', '05초', '0', '9073']), 3);
  assert.is(timePrefixLength(['1646859221', '0', '6']), 1);
  assert.is(timePrefixLength(['14:38:55', 'root', '8180']), 1); // a USER column is not a meridiem
  assert.is(timePrefixLength(['14:38:55', '-', '8180']), 1);
  assert.is(timePrefixLength(['오후', '07시', '25분', '48초', '0']), 4);
});

test('isMeridiem', () => {
  assert.ok(isMeridiem('PM'));
  assert.ok(isMeridiem('오전'));
  assert.not.ok(isMeridiem('root'));
});

test.run();
