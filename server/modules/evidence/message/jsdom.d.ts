// The part of jsdom the sanitiser uses. Its published types load the DOM library into every
// server file's globals (`window`, `document`), which server code must not see.
declare module 'jsdom' {
  import type { WindowLike } from 'dompurify';

  export class JSDOM {
    constructor(html?: string);
    readonly window: WindowLike & { close(): void };
  }
}
