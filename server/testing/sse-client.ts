/** One server-sent event as a client parses it. */
export interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: Headers;
  /**
   * Events in arrival order: `message` for id-only blocks (no data), `comment` for `: ...`.
   * With `onEvent`, events with data or an id go to it instead (a benchmark's many streams).
   */
  events: SseEvent[];
  /** The next event named `name` after those already taken; throws after `timeoutMs`. */
  next(name: string, timeoutMs?: number): Promise<SseEvent>;
  /** The parsed data of the next `change` event. */
  nextChange(timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves once the server ended the stream (false when it did not within `timeoutMs`). */
  ended(timeoutMs: number): Promise<boolean>;
  /** The last `id:` seen, as EventSource keeps it for Last-Event-ID. */
  lastEventId(): string | undefined;
  close(): void;
}

/** Opens `url` as an event stream over real HTTP and parses it as it arrives. */
export async function openSse(
  url: string,
  headers: Record<string, string> = {},
  onEvent?: (event: SseEvent) => void,
): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  const taken = new Map<string, number>();
  let waiters: (() => void)[] = [];
  let done = false;
  let lastId: string | undefined;
  const notify = () => {
    const ws = waiters;
    waiters = [];
    for (const w of ws) w();
  };
  const parseBlock = (block: string) => {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        events.push({ event: 'comment', data: line.slice(1).trim() });
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'id') id = value;
      else if (field === 'data') data.push(value);
    }
    if (id !== undefined) lastId = id;
    if (data.length > 0 || id !== undefined) {
      const parsed = { event, ...(id !== undefined && { id }), data: data.join('\n') };
      if (onEvent) onEvent(parsed);
      else events.push(parsed);
    }
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body ?? []) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          parseBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        notify();
      }
    } catch {
      // aborted by close()
    }
    done = true;
    notify();
  })();
  const wait = (timeoutMs: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  const next = async (name: string, timeoutMs = 5000): Promise<SseEvent> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const from = taken.get(name) ?? 0;
      const index = events.findIndex((e, i) => i >= from && e.event === name);
      if (index >= 0) {
        taken.set(name, index + 1);
        return events[index]!;
      }
      if (done || Date.now() >= until)
        throw new Error(`no "${name}" event; got ${JSON.stringify(events.slice(-10))}`);
      await wait(until - Date.now());
    }
  };
  return {
    status: res.status,
    headers: res.headers,
    events,
    next,
    nextChange: async (timeoutMs) =>
      JSON.parse((await next('change', timeoutMs)).data) as Record<string, unknown>,
    ended: async (timeoutMs) => {
      const until = Date.now() + timeoutMs;
      while (!done && Date.now() < until) await wait(until - Date.now());
      return done;
    },
    lastEventId: () => lastId,
    close: () => abort.abort(),
  };
}
