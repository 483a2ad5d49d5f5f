/**
 * Escaping of text that ends up in HTML or in JSON embedded in HTML. Everything that comes from raw files
 * (labels, hostnames, commands, process names, error messages) goes through one of these before it reaches a
 * page; Handlebars' `{{ }}` does the same for template values.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' };

/**
 * Escape text for an HTML text node or a quoted attribute value.
 *
 * @example
 * escapeHtml('<img src=x onerror=alert(1)>') // '&lt;img src&#61;x onerror&#61;alert(1)&gt;'
 */
export function escapeHtml(text: unknown): string {
  const s = text === null || text === undefined ? '' : String(text);
  return s.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Serialize a value as JSON safe to place inside `<script type="application/json">`: `<`, `>`, `&` and the
 * line separators U+2028/U+2029 become `\uXXXX` escapes, so a string containing `</script>` or `<!--`
 * cannot end the element early. `JSON.parse` of the result gives back the original value.
 *
 * @example
 * jsonForScript({ label: '</script><b>' }) // '{"label":"\\u003c/script\\u003e\\u003cb\\u003e"}'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
