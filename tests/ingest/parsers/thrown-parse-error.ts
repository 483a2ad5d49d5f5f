import { ParseError } from '../../../ingest/parse-error.ts';

/**
 * The ParseError `fn` throws, for asserting its reason and line; any other error is rethrown, and no error
 * at all fails the test.
 *
 * @example
 * thrownParseError(() => parseWrk('hello')).reason // -> 'not wrk output ...'
 */
export function thrownParseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError, got none');
}
