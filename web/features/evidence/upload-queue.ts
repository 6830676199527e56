import { ApiError, type EvidenceItem, type Upload } from '../../api.ts';
import { errorMessage } from '../../components/error-message.ts';

export type UploadState = 'waiting' | 'sending' | 'done' | 'failed' | 'cancelled';

/** One file being added, as its row in the upload list shows it. */
export interface UploadEntry {
  key: number;
  caseNumber: number;
  name: string;
  size: number;
  sent: number;
  state: UploadState;
  error?: string;
  item?: EvidenceItem;
}

/** Sends one file (its fields already bound), reporting bytes sent. */
export type SendFile = (
  file: File,
  onProgress: (sent: number, total: number) => void,
) => Upload<EvidenceItem>;

interface Pending {
  file: File;
  send: SendFile;
  onStored: (item: EvidenceItem) => void;
  cancel?: () => void;
}

/**
 * The uploads of this tab, outside React: they go on while the page shows another tab. At most
 * `limit` files are sent at once (a browser opens few connections to one server, and the live
 * stream holds one); the rest wait their turn. Each file has its own request and outcome.
 */
export function createUploadQueue(limit = 3) {
  let entries: readonly UploadEntry[] = [];
  let nextKey = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Set<() => void>();

  const update = (key: number, change: Partial<UploadEntry>) => {
    entries = entries.map((e) => (e.key === key ? { ...e, ...change } : e));
    for (const l of listeners) l();
  };

  const pump = () => {
    let sending = entries.filter((e) => e.state === 'sending').length;
    for (const entry of entries) {
      if (sending >= limit) break;
      const p = pending.get(entry.key);
      if (entry.state !== 'waiting' || !p) continue;
      sending += 1;
      update(entry.key, { state: 'sending' });
      const upload = p.send(p.file, (sent) => update(entry.key, { sent }));
      p.cancel = upload.cancel;
      upload.done.then(
        (item) => {
          pending.delete(entry.key);
          update(entry.key, { state: 'done', sent: entry.size, item });
          p.onStored(item);
          pump();
        },
        (error: unknown) => {
          pending.delete(entry.key);
          const cancelled = error instanceof ApiError && error.code === 'cancelled';
          update(entry.key, {
            state: cancelled ? 'cancelled' : 'failed',
            error: errorMessage(error),
          });
          pump();
        },
      );
    }
  };

  return {
    add: (
      caseNumber: number,
      files: readonly File[],
      send: SendFile,
      onStored: Pending['onStored'],
    ) => {
      const added = files.map((file) => {
        const key = nextKey++;
        pending.set(key, { file, send, onStored });
        return {
          key,
          caseNumber,
          name: file.name,
          size: file.size,
          sent: 0,
          state: 'waiting' as const,
        };
      });
      entries = [...entries, ...added];
      for (const l of listeners) l();
      pump();
    },
    cancel: (key: number) => {
      const p = pending.get(key);
      if (!p) return;
      if (p.cancel) p.cancel();
      else {
        pending.delete(key);
        update(key, { state: 'cancelled', error: 'Cancelled before it was sent' });
      }
    },
    /** Forgets the finished rows of a case (stored, failed or cancelled). */
    clearFinished: (caseNumber: number) => {
      entries = entries.filter(
        (e) => e.caseNumber !== caseNumber || e.state === 'waiting' || e.state === 'sending',
      );
      for (const l of listeners) l();
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    snapshot: () => entries,
  };
}

export type UploadQueue = ReturnType<typeof createUploadQueue>;
