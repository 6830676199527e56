import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

// Links open outside Casefile and never pass the case URL on.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

/** Markdown a person typed, rendered only through the sanitizer (no scripts, no styles, no forms). */
export function Markdown({ source }: { source: string }) {
  const html = useMemo(
    () =>
      DOMPurify.sanitize(marked.parse(source, { async: false, gfm: true, breaks: true }), {
        USE_PROFILES: { html: true },
        FORBID_TAGS: ['style', 'form', 'input', 'button', 'img', 'iframe'],
        FORBID_ATTR: ['style'],
      }),
    [source],
  );
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
