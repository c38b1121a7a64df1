// Escaping for the markup formats (XML and HTML).

/**
 * Escapes text for XML and HTML content and attributes: `& < > " '` become references, and
 * code units that XML 1.0 does not allow become U+FFFD, so that the document stays well-formed
 * whatever the text.
 */
export function escapeMarkup(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let replacement: string;
    if (c === 0x26) replacement = '&amp;';
    else if (c === 0x3c) replacement = '&lt;';
    else if (c === 0x3e) replacement = '&gt;';
    else if (c === 0x22) replacement = '&quot;';
    else if (c === 0x27) replacement = '&#39;';
    else if (c < 0x20) {
      if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
      replacement = '\uFFFD';
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      replacement = '\uFFFD';
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c >= 0xfffe) {
      replacement = '\uFFFD';
    } else {
      continue;
    }
    out += text.slice(last, i) + replacement;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}
