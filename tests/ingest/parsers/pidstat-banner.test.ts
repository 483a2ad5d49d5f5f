import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bannerDateIso, readBanner } from '../../../ingest/parsers/pidstat-banner.ts';

const plain = { twelveHour: false, decimalComma: false };

test('readBanner: the sysstat first line', () => {
  assert.equal(readBanner('Linux 6.18.44-fc-v657 (vm) \t11/22/26 \t_x86_64_\t(2 CPU)'), {
    os: 'Linux', kernel: '6.18.44-fc-v657', hostname: 'vm', date_printed: '11/22/26', arch: 'x86_64', cpu_count: 2,
  });
  const ko = readBanner('Linux 6.18.44-fc-v657 (vm) \t2026년 11월 22일 \t_x86_64_\t(2 CPU)')!;
  assert.is(ko.date_printed, '2026년 11월 22일');
  const rhel = readBanner('Linux 2.6.32-358.el6.x86_64 (localhost.localdomain)     12/07/2017      _x86_64_        (2 CPU)')!;
  assert.is(rhel.hostname, 'localhost.localdomain');
  assert.is(rhel.kernel, '2.6.32-358.el6.x86_64');
  assert.is(readBanner('12:53:20      UID       PID    %usr  Command'), null);
  assert.is(readBanner('Running 10s test @ http://127.0.0.1:8080/'), null);
});

test('bannerDateIso: locale date forms', () => {
  assert.is(bannerDateIso('11/22/26', plain), '2026-11-22'); // C
  assert.is(bannerDateIso('06/01/20', plain), '2020-06-01'); // C, ambiguous: month first
  assert.is(bannerDateIso('11/22/2026', { twelveHour: true, decimalComma: false }), '2026-11-22'); // en_US
  assert.is(bannerDateIso('03/09/2022', { twelveHour: true, decimalComma: false }), '2022-03-09');
  assert.is(bannerDateIso('22/11/2026', { twelveHour: false, decimalComma: true }), '2026-11-22'); // fr_FR
  assert.is(bannerDateIso('05/06/2026', { twelveHour: false, decimalComma: true }), '2026-06-05'); // fr_FR ambiguous
  assert.is(bannerDateIso('13/06/2020', plain), '2020-06-13');
  assert.is(bannerDateIso('22.11.2026', plain), '2026-11-22'); // de_DE, ru_RU
  assert.is(bannerDateIso('2026-11-22', plain), '2026-11-22'); // ISO
  assert.is(bannerDateIso('2019年11月11日', plain), '2019-11-11');
  assert.is(bannerDateIso('2026년 11월 22일', plain), '2026-11-22');
});

test('bannerDateIso: impossible dates are null', () => {
  assert.is(bannerDateIso('02/30/2026', plain), null);
  assert.is(bannerDateIso('13/13/2026', plain), null);
  assert.is(bannerDateIso('yesterday', plain), null);
});

test('bannerDateIso: the same ambiguous date reads as the hints say, again and again', () => {
  const frFR = { twelveHour: false, decimalComma: true };
  const enUS = { twelveHour: true, decimalComma: false };
  for (let round = 0; round < 2; round++) {
    assert.is(bannerDateIso('05/06/2026', frFR), '2026-06-05');
    assert.is(bannerDateIso('05/06/2026', enUS), '2026-05-06');
    assert.is(bannerDateIso('05/06/2026', plain), '2026-05-06');
    assert.is(bannerDateIso('02/30/2026', plain), null);
  }
});

test.run();
