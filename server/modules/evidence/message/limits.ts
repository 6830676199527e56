/** What the server parses of an e-mail, and how long it lets the parser run. */
export interface MessageLimits {
  /** Larger messages are not parsed (flagged failed): download them to examine them. */
  maxBytes: number;
  /** MIME parts nested deeper than this refuse the parse. */
  maxDepth: number;
  /** More MIME parts than this refuse the parse. */
  maxParts: number;
  /** Header bytes across every part; the top-level block must also end within them. */
  maxHeaderBytes: number;
  /** The parser's thread is terminated after this long. */
  timeoutMs: number;
  /** The parser thread's heap. */
  maxMemoryMb: number;
}

export const MESSAGE_LIMITS: Readonly<MessageLimits> = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxDepth: 20,
  maxParts: 500,
  maxHeaderBytes: 1024 * 1024,
  timeoutMs: 10_000,
  maxMemoryMb: 512,
});

/** What is kept of a parsed message's text: longer parts are cut and flagged `truncated`. */
export const KEPT_CHARS = Object.freeze({
  rawHeaders: 256 * 1024,
  body: 8 * 1024 * 1024,
});

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

/** The reasons a message is not parsed, as the analyst reads them. */
export const refusals = {
  tooLarge: (l: MessageLimits) =>
    `The message is larger than ${mib(l.maxBytes)}: it is not parsed here; download it to examine it`,
  headerTooLarge: (l: MessageLimits) =>
    `The message's header block is larger than ${kib(l.maxHeaderBytes)}: it is not parsed`,
  tooManyParts: (l: MessageLimits) =>
    `The message has more than ${l.maxParts} MIME parts: it is not parsed`,
  tooDeep: (l: MessageLimits) =>
    `The message nests MIME parts more than ${l.maxDepth} levels deep: it is not parsed`,
  timedOut: (l: MessageLimits) =>
    `Parsing took longer than ${l.timeoutMs / 1000} s and was stopped: the message is not parsed`,
  outOfMemory: (l: MessageLimits) =>
    `Parsing needed more than ${l.maxMemoryMb} MiB of memory and was stopped: the message is not parsed`,
};
