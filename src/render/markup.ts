// Escaping for the markup formats (XML and HTML).

/**
 * What escaping replaces: the five markup characters, and the code units XML 1.0 does not
 * allow (C0 controls other than tab, line feed and carriage return; U+FFFE and U+FFFF; a high
 * surrogate without its low one, a low one without its high one). Without the `u` flag the
 * pattern sees code units, so a surrogate pair is kept whole. Character classes and one-unit
 * lookarounds only: a single linear pass whatever the text.
 */
const ESCAPED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[&<>"']|[\0-\x08\v\f\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const REFERENCES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for XML and HTML content and attributes: `& < > " '` become references, and
 * code units that XML 1.0 does not allow become U+FFFD, so that the document stays well-formed
 * whatever the text.
 */
export function escapeMarkup(text: string): string {
  return text.replace(ESCAPED, (unit) => REFERENCES[unit] ?? '\uFFFD');
}
