import { useQueryClient } from '@tanstack/react-query';
import { useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import type { LiveChange } from '../../../contract/live.ts';
import { applyChange } from './apply-change.ts';
import { forgetLive } from './live-store.ts';

/** The stream's address for the page shown: what it watches. Undefined: nothing to watch. */
export function streamUrl(pathname: string): string | undefined {
  const base = '/api/v1/stream';
  if (pathname === '/') return `${base}?queues=cases`;
  if (pathname === '/alerts') return `${base}?queues=alerts`;
  if (pathname === '/incidents') return `${base}?queues=incidents`;
  const kase = /^\/cases\/(\d+)$/.exec(pathname);
  if (kase) return `${base}?case=${kase[1]}`;
  const incident = /^\/incidents\/(\d+)$/.exec(pathname);
  if (incident) return `${base}?incident=${incident[1]}`;
  return undefined;
}

/** The data of a `change` event (contract/live.ts), or undefined when it is not one. */
function parseChange(data: string): LiveChange | undefined {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return undefined;
    const change = value as Partial<LiveChange>;
    return typeof change.seq === 'number' && Array.isArray(change.topics)
      ? (change as LiveChange)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Live updates for this tab: one event stream, watching what the page shows, reopened when
 * the page changes. The browser reconnects by itself after a drop, with Last-Event-ID, and
 * the server replays what was missed (or says `resync`: everything is reloaded).
 */
export function useLiveUpdates(signedIn: boolean): void {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const client = useQueryClient();
  const url = signedIn ? streamUrl(pathname) : undefined;
  useEffect(() => {
    forgetLive();
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url);
    // Changes are applied one after another, in the order of the log.
    let chain = Promise.resolve();
    source.addEventListener('change', (event: MessageEvent<string>) => {
      const change = parseChange(event.data);
      if (!change) return;
      chain = chain.then(() => applyChange(client, change)).catch(() => undefined);
    });
    source.addEventListener('resync', () => {
      chain = chain.then(() => client.invalidateQueries()).catch(() => undefined);
    });
    return () => source.close();
  }, [url, client]);
}
