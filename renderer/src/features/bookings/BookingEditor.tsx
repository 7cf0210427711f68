import { Modal } from '@mantine/core';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { createItem, updateItem, useDb } from '@renderer/db';
import { noticeSaved } from '@renderer/common/saved-notice';
import type { ItemPatch } from '@shared/sync';
import { withOverride } from '@shared/models';
import { useDocumentSettings } from '@renderer/common/school-settings';
import { useSession } from '@renderer/common/session';
import { useMirror, useNameOf, usePersonOptions, useServiceTypes } from '@renderer/common/data';
import type { Person } from '@renderer/common/people';
import type { BookingItem } from '@renderer/common/items';
import { BookingForm, type DocumentOverride } from './BookingForm';
import { documentOverride, draftDocumentProblems } from './document-check';
import { bookingToForm, emptyBookingForm, FORM_DETAIL_KEYS, FORM_PAYMENT_KEYS, type BookingDraft, type BookingFormValues } from './booking-form-schema';
import { findClashes } from './overlap';

const isInstructor = (person: Person) => person.role === 'instructor';

type Editing = { mode: 'create'; defaults: Partial<BookingFormValues> } | { mode: 'edit'; booking: BookingItem };
type BookingEditor = { create: (defaults?: Partial<BookingFormValues>) => void; edit: (booking: BookingItem) => void };

const EditorContext = createContext<BookingEditor | null>(null);

export function useBookingEditor(): BookingEditor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useBookingEditor needs a BookingEditorProvider');
  return editor;
}

/** The patch an edit makes: changed fields, and in details/paymentInfo only the keys the form shows. */
export function editPatch(booking: BookingItem, draft: BookingDraft): ItemPatch {
  const patch: ItemPatch = {};
  for (const field of ['userId', 'serviceType', 'bookingDate', 'bookingTime'] as const) {
    if (booking[field] !== draft[field]) patch[field] = draft[field];
  }
  const mapPatch = (keys: readonly string[], draftMap: Record<string, unknown>) =>
    Object.fromEntries(keys.map((key) => [key, draftMap[key]])) as Record<string, never>;
  patch.details = booking.details ? mapPatch(FORM_DETAIL_KEYS, draft.details) : draft.details;
  patch.paymentInfo = booking.paymentInfo ? mapPatch(FORM_PAYMENT_KEYS, draft.paymentInfo) : draft.paymentInfo;
  if (!booking.details && Object.keys(draft.details).length === 0) delete patch.details;
  if (!booking.paymentInfo && Object.keys(draft.paymentInfo).length === 0) delete patch.paymentInfo;
  return patch;
}

/** One booking form for the whole app (Schedule slots, the Bookings list, a user's page, the palette). */
export function BookingEditorProvider({ children }: { children: ReactNode }) {
  const db = useDb();
  const { who } = useSession();
  const users = useMirror('users');
  const bookings = useMirror('bookings');
  const assets = useMirror('assets');
  const { settings } = useDocumentSettings();
  const nameOf = useNameOf();
  const [editing, setEditing] = useState<Editing | undefined>();

  const editor = useMemo<BookingEditor>(
    () => ({ create: (defaults = {}) => setEditing({ mode: 'create', defaults }), edit: (booking) => setEditing({ mode: 'edit', booking }) }),
    [],
  );

  const students = usePersonOptions();
  const instructors = usePersonOptions(isInstructor);
  const serviceTypes = useServiceTypes();

  const checkClashes = useCallback(
    (draft: BookingDraft) => {
      const bookingId = editing?.mode === 'edit' ? editing.booking.bookingId : '';
      return findClashes({ ...draft, bookingId }, bookings.items.values());
    },
    [bookings, editing],
  );

  const checkDocuments = useCallback(
    (draft: BookingDraft) => draftDocumentProblems(draft, users.items, assets.items.values(), settings, editing?.mode === 'edit' ? editing.booking : undefined),
    [users, assets, settings, editing],
  );

  const save = async (draft: BookingDraft, overridden?: DocumentOverride) => {
    if (!editing) return;
    const override = overridden ? documentOverride(overridden, who, new Date()) : undefined;
    if (editing.mode === 'create') {
      const bookingId = `bk_${crypto.randomUUID()}`;
      const overrides = override ? { overrides: [override] } : {};
      noticeSaved(db, 'Booking created', await createItem(db, 'bookings', { bookingId, ...withoutEmptyMaps(draft), ...overrides, createdAt: new Date().toISOString() }, who));
    } else {
      const overrides = override ? { overrides: withOverride(editing.booking.overrides, override) } : {};
      noticeSaved(db, 'Booking saved', await updateItem(db, 'bookings', editing.booking.bookingId, { ...editPatch(editing.booking, draft), ...overrides }, who));
    }
    setEditing(undefined);
  };

  return (
    <EditorContext.Provider value={editor}>
      {children}
      <Modal opened={editing !== undefined} onClose={() => setEditing(undefined)} title={editing?.mode === 'edit' ? 'Edit booking' : 'New booking'} size="xl">
        {editing ? (
          <BookingForm
            key={editing.mode === 'edit' ? editing.booking.bookingId : 'new'}
            mode={editing.mode}
            initial={editing.mode === 'edit' ? bookingToForm(editing.booking) : emptyBookingForm(editing.defaults)}
            students={students}
            instructors={instructors}
            serviceTypes={serviceTypes}
            checkClashes={checkClashes}
            checkDocuments={checkDocuments}
            nameOf={nameOf}
            onSubmit={save}
            onCancel={() => setEditing(undefined)}
          />
        ) : null}
      </Modal>
    </EditorContext.Provider>
  );
}

function withoutEmptyMaps(draft: BookingDraft): Record<string, unknown> {
  const { details, paymentInfo, ...rest } = draft;
  return {
    ...rest,
    ...(Object.keys(details).length ? { details } : {}),
    ...(Object.keys(paymentInfo).length ? { paymentInfo } : {}),
  };
}
