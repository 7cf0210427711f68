import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import type { EntityName } from '@shared/models';
import { keyAttribute } from '@shared/tables';
import type { LocalItem, PilotForceDb } from '@renderer/db';

export type MirrorChange<T> = { reset: true } | { reset: false; upserted: T[]; removed: string[] };

/**
 * All items of one local table in memory, loaded once and then patched from Dexie's `storagemutated`
 * event (fired after every committed write, in this window and the others), reading back only the keys
 * that changed. Screens over 100,000 bookings filter, sort and search this copy, never IndexedDB, per
 * keystroke.
 */
export class LiveTableMirror<E extends EntityName> {
  readonly items = new Map<string, LocalItem<E>>();
  loaded = false;
  /** Grows on every change: a cheap snapshot identity for React. */
  revision = 0;
  private readonly listeners = new Set<(change: MirrorChange<LocalItem<E>>) => void>();
  private readonly part: string;
  private stopListening: (() => void) | undefined;
  // Changes are applied one batch at a time, in the order they were reported.
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: PilotForceDb,
    private readonly entity: E,
  ) {
    this.part = `idb://${db.name}/${entity}/`;
  }

  start(): void {
    if (this.stopListening) return;
    const onMutated = (parts: ObservabilitySet) => {
      const keys = parts[this.part];
      if (keys) this.enqueue(() => this.refresh(RangeSet(keys)));
    };
    Dexie.on('storagemutated', onMutated);
    this.stopListening = () => Dexie.on('storagemutated').unsubscribe(onMutated);
    this.enqueue(() => this.reload());
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = undefined;
  }

  subscribe(listener: (change: MirrorChange<LocalItem<E>>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every change reported so far is applied (tests await it instead of sleeping). */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => console.error(`Live ${this.entity} mirror:`, error));
  }

  private async reload(): Promise<void> {
    const all = await this.db.items(this.entity).toArray();
    this.items.clear();
    for (const item of all) this.items.set(this.keyOf(item), item);
    this.loaded = true;
    this.emit({ reset: true });
  }

  private async refresh(ranges: Iterable<{ from: unknown; to: unknown }>): Promise<void> {
    const keys: string[] = [];
    for (const range of ranges) {
      // A range wider than one key (a clear, a bulk delete by range): read everything again.
      if (range.from !== range.to || typeof range.from !== 'string') return this.reload();
      keys.push(range.from);
    }
    const found = await this.db.items(this.entity).bulkGet(keys);
    const upserted: Array<LocalItem<E>> = [];
    const removed: string[] = [];
    keys.forEach((key, i) => {
      const item = found[i];
      if (item) {
        this.items.set(key, item);
        upserted.push(item);
      } else if (this.items.delete(key)) {
        removed.push(key);
      }
    });
    this.emit({ reset: false, upserted, removed });
  }

  private emit(change: MirrorChange<LocalItem<E>>): void {
    this.revision += 1;
    for (const listener of this.listeners) listener(change);
  }

  private keyOf(item: LocalItem<E>): string {
    return String((item as Record<string, unknown>)[keyAttribute(this.entity)]);
  }
}
