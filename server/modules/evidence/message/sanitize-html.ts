import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { sanitizeCss, type Rewrite } from './sanitize-css.ts';

export interface HtmlPolicy {
  /** Let http(s) images load; otherwise nothing outside the document loads. */
  remote: boolean;
  /** Images of the message itself by Content-ID (without angle brackets, lower case): data: URIs. */
  inline: ReadonlyMap<string, string>;
}

/** Elements that never survive: scripts and their kin, forms, frames, plugins, head directives. */
const FORBID_TAGS = [
  'script',
  'noscript',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'meta',
  'base',
  'link',
  'video',
  'audio',
  'source',
  'track',
];

/** Attributes that fetch or navigate and are not rewritten below: removed wherever they are. */
const FORBID_ATTR = [
  'srcset',
  'poster',
  'lowsrc',
  'dynsrc',
  'ping',
  'longdesc',
  'action',
  'formaction',
  'data',
  'codebase',
  'manifest',
  'target',
];

const RASTER_DATA = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i;

/** What an image reference becomes: a message image inline, a raster data: URI, or (remote) http(s). */
const imageRewrite =
  (policy: HtmlPolicy): Rewrite =>
  (url) => {
    const u = url.trim();
    if (/^cid:/i.test(u)) {
      let id = u.slice(4);
      try {
        id = decodeURIComponent(id);
      } catch {
        // The id as written.
      }
      return policy.inline.get(id.replace(/^<|>$/g, '').toLowerCase()) ?? null;
    }
    if (RASTER_DATA.test(u)) return u;
    if (policy.remote && /^https?:\/\/[^/\\]/i.test(u)) return u;
    return null;
  };

/** What the hooks use of a DOM element: the server is compiled without the DOM's types. */
interface HookElement {
  readonly tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
}
const asElement = (node: unknown) => node as HookElement;

let window: JSDOM['window'] | undefined;

/**
 * An e-mail's HTML body made inert for a sandboxed frame: DOMPurify (on a script-less jsdom
 * window) removes scripts, event handlers, forms, frames, plugins, meta refresh and base; then
 * every reference that would load something is rewritten: `cid:` images become the message's
 * own images (data: URIs), and with `remote` off nothing remote stays (img src, background,
 * srcset, CSS url() and image-set(), @import), with it on http(s) images do. Links keep their
 * target as a tooltip only, so no click navigates. Pure but for the shared parsing window.
 */
export function sanitizeMessageHtml(html: string, policy: HtmlPolicy): string {
  window ??= new JSDOM('').window;
  const purify = createDOMPurify(window);
  const rewrite = imageRewrite(policy);
  purify.addHook('uponSanitizeElement', (node: unknown, data) => {
    const el = asElement(node);
    if (data.tagName === 'style') el.textContent = sanitizeCss(el.textContent ?? '', rewrite);
  });
  purify.addHook('afterSanitizeAttributes', (node: unknown) => {
    const el = asElement(node);
    const tag = el.tagName.toLowerCase();
    for (const name of ['src', 'background']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      const kept = name === 'src' && tag !== 'img' ? null : rewrite(value);
      if (kept === null) el.removeAttribute(name);
      else el.setAttribute(name, kept);
    }
    const style = el.getAttribute('style');
    if (style !== null) {
      const clean = sanitizeCss(style, rewrite).trim();
      if (clean) el.setAttribute('style', clean);
      else el.removeAttribute('style');
    }
    const href = el.getAttribute('href');
    if (href !== null) {
      el.removeAttribute('href');
      if ((tag === 'a' || tag === 'area') && !el.hasAttribute('title'))
        el.setAttribute('title', `Link (not followed here): ${href.slice(0, 2000)}`);
    }
    if (tag === 'img') el.setAttribute('referrerpolicy', 'no-referrer');
  });
  return purify.sanitize(html, {
    WHOLE_DOCUMENT: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
}
