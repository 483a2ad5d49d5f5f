// Integration tests of native/build/gateway in proxy mode (see gateway-cases.ts).
import { test } from 'uvu';
import { registerGatewayCases } from './gateway-cases.ts';

registerGatewayCases(test, 'proxy');

test.run();
