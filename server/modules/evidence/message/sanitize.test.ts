import { describe, expect, it } from 'vitest';
import { sanitizeCss } from './sanitize-css.ts';
import { sanitizeMessageHtml } from './sanitize-html.ts';

const none = () => null;
const keepHttps = (u: string) => (/^https:\/\//.test(u) ? u : null);

describe('sanitizeCss', () => {
  it('turns every spelling of a fetching function into none', () => {
    const sheets = [
      'a { background: url(https://t.example/a.png) }',
      'a { background: URL( "https://t.example/a.png" ) }',
      'a { background: \\75 rl(https://t.example/a.png) }',
      'a { background: u\\rl(https://t.example/a.png) }',
      'a { background: ur\\\\l(https://t.example/a.png) }',
      'a { background: image-set("https://t.example/a.png" 1x) }',
      'a { background: -webkit-image-set(url(https://t.example/a.png) 1x) }',
      'a { background: url(https://t.example/a.png',
      'a { background: url("https://t.example/a.png\n) }',
      "a { background: url('https://t.example/a.png?)') }",
      'a { src: src("https://t.example/a.png") }',
      '@font-face { src: url(https://t.example/f.woff) }',
    ];
    for (const css of sheets) {
      const out = sanitizeCss(css, none);
      expect(out, css).not.toMatch(/t\.example/);
      expect(out, css).not.toMatch(/url\(|image-set\(|src\(/i);
    }
  });

  it('drops @import, comments, backslashes and anything that could close the style element', () => {
    const out = sanitizeCss(
      '@import "https://t.example/x.css"; a{color:red} /* </style><script> */ b{content:"\\3c/style\\3e"}',
      none,
    );
    expect(out).not.toMatch(/@import|<|\\|t\.example/);
    expect(out).toContain('a{color:red}');
  });

  it('keeps the urls the rewrite keeps, quoted anew', () => {
    expect(sanitizeCss('a{background:url(https://ok.example/a.png)}', keepHttps)).toBe(
      'a{background:url("https://ok.example/a.png")}',
    );
    expect(sanitizeCss('a{background:url(javascript:alert(1))}', keepHttps)).toBe(
      'a{background:none}',
    );
    expect(sanitizeCss("a{background:url('https://ok.example/a\".png')}", keepHttps)).toBe(
      'a{background:url("https://ok.example/a%22.png")}',
    );
  });
});

describe('sanitizeMessageHtml', () => {
  const inline = new Map([['logo@x', 'data:image/png;base64,AAAA']]);

  it('leaves nothing that runs, submits, refreshes or loads from outside', () => {
    const html = sanitizeMessageHtml(
      `<html><head><meta http-equiv="refresh" content="0;url=https://e.example"><base href="https://e.example/"><link rel="stylesheet" href="https://e.example/s.css"></head>
      <body background="https://e.example/b.png" onload="x()"><script>x()</script><img src="https://e.example/p.gif" srcset="https://e.example/2x.gif 2x" onerror="x()">
      <img src="//e.example/p.gif"><img src="cid:LOGO@x"><img src="data:image/svg+xml,<svg/>"><table background="https://e.example/t.png"><tr><td style="background:url(https://e.example/c.png)">x</td></tr></table>
      <iframe src="https://e.example"></iframe><object data="https://e.example/o"></object><embed src="https://e.example/e"><video poster="https://e.example/v.png" src="https://e.example/v.mp4"></video>
      <svg><image href="https://e.example/s.png"/></svg><form action="https://e.example"><input></form><a href="javascript:x()">j</a><a href="https://e.example/l" ping="https://e.example/p">l</a></body></html>`,
      { remote: false, inline },
    );
    expect(html).not.toMatch(/e\.example\/(?!l")/);
    expect(html).not.toMatch(
      /<(script|meta|base|link|iframe|object|embed|video|svg|form|input)\b/i,
    );
    expect(html).not.toMatch(/\bon\w+=|javascript:|href=/i);
    expect(html).toContain('<img src="data:image/png;base64,AAAA" referrerpolicy="no-referrer">');
    expect(html).toContain('title="Link (not followed here): https://e.example/l"');
  });

  it('keeps http(s) images, and only images, with remote on', () => {
    const html = sanitizeMessageHtml(
      '<img src="https://i.example/a.png"><img src="ftp://i.example/b.png"><a href="https://l.example/">x</a>',
      { remote: true, inline },
    );
    expect(html).toContain('<img src="https://i.example/a.png" referrerpolicy="no-referrer">');
    expect(html).not.toContain('ftp:');
    expect(html).not.toMatch(/href=/);
  });
});
