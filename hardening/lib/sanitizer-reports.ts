/**
 * Finds sanitizer and fuzzer failure reports in a process's stderr. Pure: text in, one line per report
 * out. These are the lines ASan, LSan, UBSan and libFuzzer print at the start of a report; a clean run
 * prints none of them.
 */
const REPORT_LINE = new RegExp(
  [
    String.raw`==\d+==\s*ERROR: (?:AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)\b.*`,
    String.raw`^.*:\d+(?::\d+)?: runtime error: .*`, // UBSan: file:line:col: runtime error: ...
    String.raw`^SUMMARY: (?:AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer): .*`,
    String.raw`^==\d+==\s*WARNING: (?:AddressSanitizer|LeakSanitizer) failed.*`,
    String.raw`==\d+== ERROR: libFuzzer: .*`,
    String.raw`^.*invariant failed: .*`,
    String.raw`^AddressSanitizer:DEADLYSIGNAL$`,
  ].join('|'),
  'gm',
);

/**
 * Every line of `text` that starts or summarises a sanitizer / libFuzzer report, in order
 * (without duplicates of the same line).
 * @example
 * sanitizerReports('==12==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x1\nok\n')
 * // ['==12==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x1']
 */
export function sanitizerReports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(REPORT_LINE)) {
    const line = m[0].trim();
    if (!out.includes(line)) out.push(line);
  }
  return out;
}
