import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ENTITY_NAMES, type EntityName } from '@shared/models';
import { createWebClient } from '@renderer/api/client.web';
import { PilotForceDbContext, openPilotForceDb, updateItem, type PilotForceDb } from '@renderer/db';
import { SyncClient, pushOnce, DEFAULT_PUSH_CONFIG } from '@renderer/sync';
import { ServicesProvider } from '@renderer/common/services';
import { SessionProvider } from '@renderer/common/session';
import { appTheme } from '@renderer/app/theme';
import { BookingEditorProvider } from '@renderer/features/bookings/BookingEditor';
import { BookingsScreen } from '@renderer/features/bookings/BookingsScreen';
import { BookingSearchIndex, normalizeText, queryTerms } from '@renderer/common/booking-search-index';
import { BookingOrders } from '@renderer/common/booking-order';
import { NO_FILTERS, NarrowingSearch, filterBookings } from '@renderer/common/booking-view';
import { DEFAULT_BOOKING_SORT, MirrorsProvider, useMirror } from '@renderer/common/data';
import type { BenchApi } from '../bench-api';
import { type SampleSizes, sampleItems, userName } from '../sample-items';

/**
 * The bench page: the renderer's own modules (Dexie schema, sync client, web API client, search index,
 * BookingsScreen) in headless Chromium with real IndexedDB, driven by the runner through `window.bench`.
 * Each method times only its own work with performance.now().
 */
const api = createWebClient();
let appDb: PilotForceDb | undefined;

function db(): PilotForceDb {
  if (!appDb) throw new Error('call bench.open first');
  return appDb;
}

function elapsed(since: number): number {
  return performance.now() - since;
}

async function counts(target: PilotForceDb): Promise<Record<EntityName, number>> {
  const entries = await Promise.all(ENTITY_NAMES.map(async (entity) => [entity, await target.items(entity).count()] as const));
  return Object.fromEntries(entries) as Record<EntityName, number>;
}

const bench: BenchApi = {
  async open(name: string): Promise<void> {
    appDb = await openPilotForceDb(name);
  },

  /** P1: the app's first sync cycle on an empty database (an initial sync of every table), as SyncClient runs it. */
  async initialSync(): Promise<{ ms: number; counts: Record<EntityName, number>; segments: number; pageLimit: number }> {
    const client = new SyncClient(db(), api);
    const started = performance.now();
    const report = await client.syncNow();
    const ms = elapsed(started);
    if (report.failure) throw new Error(`initial sync failed: ${report.failure.message}`);
    return { ms, counts: await counts(db()), segments: client.options.scanSegments, pageLimit: client.options.scanLimit };
  },

  /** P1 baseline: Dexie bulkPut of the same items into a fresh database of the app's schema (items generated first, untimed). */
  async rawBulkPut(name: string, sizes: SampleSizes): Promise<{ ms: number; counts: Record<EntityName, number> }> {
    const raw = await openPilotForceDb(name);
    const items = Object.fromEntries(ENTITY_NAMES.map((entity) => [entity, [...sampleItems(entity, sizes)]]));
    const started = performance.now();
    for (const entity of ENTITY_NAMES) await raw.items(entity).bulkPut(items[entity] as never[]);
    const ms = elapsed(started);
    const result = { ms, counts: await counts(raw) };
    raw.close();
    return result;
  },

  /** P3: edits made offline (each in its own local transaction, item and outbox entry), not timed. */
  async offlineEdits(count: number): Promise<number> {
    const keys = await db().bookings.orderBy('bookingId').limit(count).primaryKeys();
    for (const [n, key] of keys.entries()) {
      await updateItem(db(), 'bookings', key, { details: { notes: `Edited offline by the benchmark (${n})` } }, 'Bench Staff');
    }
    return db().outbox.count();
  },

  /** P3: pushes the whole outbox through the app's push path (batches, main's conditional writes, results applied locally). */
  async pushAll(): Promise<{ ms: number; sent: number; acknowledged: number; pushes: number; left: number }> {
    let sent = 0;
    let acknowledged = 0;
    let pushes = 0;
    const started = performance.now();
    for (;;) {
      const report = await pushOnce(db(), api, DEFAULT_PUSH_CONFIG);
      if (report.failure) throw new Error(`push failed: ${report.failure.message}`);
      if (report.sent === 0) break;
      pushes += 1;
      sent += report.sent;
      acknowledged += report.acknowledged;
    }
    const ms = elapsed(started);
    return { ms, sent, acknowledged, pushes, left: await db().outbox.count() };
  },

  /** P4: `[userId+bookingDate]` lookups, one at a time; each duration in ms and the rows found. */
  async lookups(pairs: Array<[string, string]>): Promise<{ durations: number[]; found: number }> {
    const durations: number[] = [];
    let found = 0;
    for (const pair of pairs) {
      const started = performance.now();
      const rows = await db().bookings.where('[userId+bookingDate]').equals(pair).toArray();
      durations.push(elapsed(started));
      found += rows.length;
    }
    return { durations, found };
  },

  /**
   * P4: a keystroke as BookingsScreen handles it once its 80 ms debounce fires: the search index and the
   * list's default order (fed from the local database as the app's mirrors feed them) give each sorted
   * booking's text, and the screen filters the sorted list with the typed terms. Each typed prefix is one
   * keystroke.
   */
  async searchKeystrokes(queries: string[], sizes: SampleSizes): Promise<{ buildMs: number; durations: number[]; checked: number; wrong: string[] }> {
    const buildStarted = performance.now();
    const index = new BookingSearchIndex();
    const names = new Map<string, string>();
    for (const user of await db().users.toArray()) {
      index.setUserName(user.userId, user.name);
      names.set(user.userId, user.name);
    }
    const bookings = new Map((await db().bookings.toArray()).map((booking) => [booking.bookingId, booking]));
    for (const booking of bookings.values()) index.upsert(booking);
    const { sorted, haystacks } = new BookingOrders(bookings, index, (userId) => names.get(userId) ?? userId).get(DEFAULT_BOOKING_SORT);
    const buildMs = elapsed(buildStarted);
    const expected = expectedCounter(sizes);
    const durations: number[] = [];
    const wrong: string[] = [];
    let checked = 0;
    // As the Bookings screen searches: each query typed letter by letter, narrowing from the letters before.
    const search = new NarrowingSearch();
    for (const query of queries) {
      for (let length = 1; length <= query.length; length++) {
        const typed = query.slice(0, length);
        const started = performance.now();
        const count = filterBookings(sorted, NO_FILTERS, search.positions({ terms: queryTerms(typed), haystacks })).length;
        durations.push(elapsed(started));
        const want = expected(typed);
        checked += 1;
        if (count !== want) wrong.push(`"${typed}": ${count} found, ${want} expected`);
      }
    }
    return { buildMs, durations, checked, wrong };
  },

  /**
   * P4: the real BookingsScreen mounted over mirrors already loaded (as when the user opens the
   * screen): ms from mounting until the first row is in the DOM and laid out. Mirror load reported too.
   */
  async firstRender(mounts: number): Promise<{ mirrorLoadMs: number; renders: number[]; rows: number }> {
    const container = document.getElementById('root') as HTMLElement;
    const root = createRoot(container);
    const loadStarted = performance.now();
    await new Promise<void>((loaded) => root.render(<Harness db={db()} onLoaded={loaded} showBookings={false} />));
    const mirrorLoadMs = elapsed(loadStarted);
    const renders: number[] = [];
    for (let n = 0; n < mounts; n++) {
      renders.push(await timeFirstRow(root, container));
      root.render(<Harness db={db()} onLoaded={() => undefined} showBookings={false} />);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    root.render(<Harness db={db()} onLoaded={() => undefined} showBookings />);
    await waitForRow(container);
    const rows = container.querySelectorAll('[data-testid="booking-row"]').length;
    root.unmount();
    return { mirrorLoadMs, renders, rows };
  },
};

function timeFirstRow(root: Root, container: HTMLElement): Promise<number> {
  const started = performance.now();
  const appeared = waitForRow(container);
  root.render(<Harness db={db()} onLoaded={() => undefined} showBookings />);
  return appeared.then(() => elapsed(started));
}

/** Resolves when a booking row exists, after forcing its layout (so layout cost is inside the figure). */
function waitForRow(container: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const row = container.querySelector('[data-testid="booking-row"]');
      if (!row) return false;
      row.getBoundingClientRect();
      observer.disconnect();
      resolve();
      return true;
    };
    const observer = new MutationObserver(() => void check());
    observer.observe(container, { childList: true, subtree: true });
    check();
  });
}

function Harness({ db: target, onLoaded, showBookings }: { db: PilotForceDb; onLoaded: () => void; showBookings: boolean }) {
  return (
    <PilotForceDbContext.Provider value={target}>
      <ServicesProvider value={{ api }}>
        <SessionProvider>
          <MirrorsProvider>
            <MantineProvider theme={appTheme} forceColorScheme="light">
              <BookingEditorProvider>{showBookings ? <BookingsScreen /> : <WhenLoaded onLoaded={onLoaded} />}</BookingEditorProvider>
            </MantineProvider>
          </MirrorsProvider>
        </SessionProvider>
      </ServicesProvider>
    </PilotForceDbContext.Provider>
  );
}

function WhenLoaded({ onLoaded }: { onLoaded: () => void }): ReactNode {
  const bookings = useMirror('bookings');
  const users = useMirror('users');
  useEffect(() => {
    if (bookings.loaded && users.loaded) onLoaded();
  }, [bookings.loaded, users.loaded, onLoaded]);
  return null;
}

/** The match count computed straight from the generated items, independently of the index. */
function expectedCounter(sizes: SampleSizes): (query: string) => number {
  const haystacks = [...sampleItems('bookings', sizes)].map((booking) => {
    const details = (booking.details ?? {}) as Record<string, string>;
    const name = userName(Number(String(booking.userId).slice('bench-user-'.length)));
    return [name, details.notes, details.location, details.aircraft, booking.serviceType, booking.bookingId].map((field) => normalizeText(String(field ?? '')));
  });
  return (query) => {
    const terms = queryTerms(query);
    if (terms.length === 0) return haystacks.length;
    return haystacks.filter((fields) => terms.every((term) => fields.some((field) => field.includes(term)))).length;
  };
}

(window as unknown as { bench: BenchApi }).bench = bench;
