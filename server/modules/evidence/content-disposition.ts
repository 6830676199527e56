/** Lone surrogates (which percent-encoding refuses) replaced by U+FFFD. */
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/**
 * A Content-Disposition value (RFC 6266) for a client-given file name: an ASCII `filename`
 * fallback with anything outside printable ASCII, quotes, backslashes and path separators
 * replaced, and the exact name as `filename*` (RFC 8187, UTF-8 percent-encoded). Pure.
 */
export function contentDisposition(type: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\/%]/g, '_').slice(0, 200) || 'evidence';
  const encoded = encodeURIComponent(wellFormed(name)).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
