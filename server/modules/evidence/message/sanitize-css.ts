/** What a reference to an outside resource may become: kept, replaced, or none (removed). */
export type Rewrite = (url: string) => string | null;

const ESCAPE = /\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|([^\n\r\f])|[\n\r\f]|$)/g;

/**
 * CSS with its escapes decoded, then every backslash, `<` and comment removed: what is left
 * has no escape that could spell a function name, and cannot close a `<style>` element, so
 * what the scan below reads is exactly what a browser will read.
 */
function plain(css: string): string {
  return css
    .replace(ESCAPE, (_m, hex: string | undefined, char: string | undefined) => {
      if (hex === undefined) return char ?? '';
      const cp = parseInt(hex, 16);
      return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)
        ? '\uFFFD'
        : String.fromCodePoint(cp);
    })
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' ')
    .replace(/[\\<]/g, '')
    .replaceAll('\u0000', '');
}

/** Functions whose argument a browser fetches (url) or may fetch (image sets, src). */
const FETCHING = new Set([
  'url',
  'src',
  'image',
  'image-set',
  '-webkit-image-set',
  'cross-fade',
  '-webkit-cross-fade',
  'element',
  '-moz-element',
  'expression',
]);

/** Where the call whose `(` is at `open` ends: after its `)`, or the end of the text. */
function callEnd(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i += 1) {
    const c = css[i];
    if (c === '"' || c === "'") {
      const close = css.indexOf(c, i + 1);
      const newline = css.slice(i + 1, close === -1 ? undefined : close).search(/[\n\r\f]/);
      if (close === -1 || newline !== -1) return newline === -1 ? css.length : i + 1 + newline;
      i = close;
    } else if (c === '(') depth += 1;
    else if (c === ')') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return css.length;
}

/** The URL inside `url(...)`: unquoted, or the first string. */
function urlOf(argument: string): string {
  const inner = argument.trim();
  const quoted = /^(["'])(.*?)(?:\1|$)/s.exec(inner);
  return (quoted ? (quoted[2] ?? '') : inner).trim();
}

/**
 * CSS (a style sheet or a style attribute) with every reference to an outside resource passed
 * through `rewrite`: a `url(...)` it keeps stays (re-quoted), one it refuses becomes `none`;
 * other fetching functions (image-set, cross-fade, src...) always become `none`, and @import
 * rules go. Pure.
 */
export function sanitizeCss(css: string, rewrite: Rewrite): string {
  const text = plain(css).replace(/@import[^;]*(?:;|$)/gi, '');
  let out = '';
  let at = 0;
  const fn = /([A-Za-z0-9_-]+)\(/g;
  for (let m = fn.exec(text); m; m = fn.exec(text)) {
    // The match starts after a character no name holds: `m[1]` is the whole function name.
    const name = (m[1] ?? '').toLowerCase();
    if (!FETCHING.has(name)) continue;
    const open = m.index + (m[1] ?? '').length;
    const end = callEnd(text, open);
    const kept = name === 'url' ? rewrite(urlOf(text.slice(open + 1, end - 1))) : null;
    const safe = kept?.replace(/["\\<\n\r\f]/g, (c) => encodeURIComponent(c));
    out += text.slice(at, m.index) + (safe === undefined ? 'none' : `url("${safe}")`);
    at = end;
    fn.lastIndex = end;
  }
  return out + text.slice(at);
}
