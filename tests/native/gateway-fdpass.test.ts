// Integration tests of native/build/gateway in fdpass mode (see gateway-cases.ts).
import { test } from 'uvu';
import { registerGatewayCases } from './gateway-cases.ts';

registerGatewayCases(test, 'fdpass');

test.run();
