/**
 * Runs uvu suites like `uvu DIR PATTERN`, then exits. uvu's own CLI waits for the event loop to drain, so a
 * single socket or timer a test forgot to close keeps the whole run alive until CI's deadline; this runner
 * exits as soon as the last suite has reported, with uvu's exit code.
 *
 *   node --import tsx scripts/uvu-run.ts tests '\.test\.ts$'
 */
import { parse } from 'uvu/parse';
import { run } from 'uvu/run';

const [dir = 'tests', pattern = '\\.test\\.ts$'] = process.argv.slice(2);
const ctx = await parse(dir, new RegExp(pattern), { cwd: process.cwd() });
await run(ctx.suites, { bail: false });
process.exit(process.exitCode ?? 0);
