/**
 * The command-line checks shared by the hardening tools (`hardening/soak.ts`, `hardening/fd-hygiene.ts`):
 * each failure is one line naming the tool and the flag, and exit status 2 (bad usage).
 *
 * @example
 * const { wholeNumber, mode } = toolArgs('soak');
 * wholeNumber('--requests', '300', 1) // 300
 * mode('--mode', 'fdpass') // 'fdpass'
 * mode('--mode', 'tcp') // prints "soak: --mode must be one of proxy, fdpass, fdpass-conn, got "tcp"", exits 2
 */
import { GATEWAY_MODES, type GatewayMode } from './gateway-process.ts';

export interface ToolArgs {
  fail(msg: string): never;
  wholeNumber(flag: string, value: string | undefined, min: number): number;
  mode(flag: string, value: string | undefined): GatewayMode;
}

export function toolArgs(tool: string): ToolArgs {
  const fail = (msg: string): never => {
    process.stderr.write(`${tool}: ${msg}\n`);
    process.exit(2);
  };
  return {
    fail,
    wholeNumber(flag, value, min) {
      const n = Number(value);
      if (value === undefined || !Number.isInteger(n) || n < min) fail(`${flag} must be a whole number >= ${min}, got "${value ?? ''}"`);
      return n;
    },
    mode(flag, value) {
      return GATEWAY_MODES.find((g) => g === value) ?? fail(`${flag} must be one of ${GATEWAY_MODES.join(', ')}, got "${value ?? ''}"`);
    },
  };
}
