import { useMemo } from 'react';
import { describeKindState, documentFieldsOf, expiringDocuments, longestWarningWindow, type ExpiringDocument } from '@shared/documents';
import { documentWarningDaysOf } from '@shared/models';
import { useMirror } from '@renderer/common/data';
import { useDocumentSettings } from '@renderer/common/school-settings';
import { useSession } from '@renderer/common/session';
import { todayIn } from '@renderer/common/time-zone';
import { toCsv } from '../import/csv-export';

export type ExpiringSort = 'soonest' | 'latest' | 'person' | 'kind';
export const EXPIRING_SORTS: ReadonlyArray<{ value: ExpiringSort; label: string }> = [
  { value: 'soonest', label: 'Soonest first' },
  { value: 'latest', label: 'Latest first' },
  { value: 'person', label: 'Person (A-Z)' },
  { value: 'kind', label: 'Document kind' },
];

/** The school's documents expiring within its longest window, or expired, on today's school date. */
export function useExpiringDocuments(): { today: string; windows: number[]; entries: ExpiringDocument[] } {
  const assets = useMirror('assets');
  const { settings } = useDocumentSettings();
  const { timeZone } = useSession();
  const today = todayIn(timeZone);
  return useMemo(() => {
    const windows = documentWarningDaysOf(settings);
    return { today, windows, entries: expiringDocuments(assets.items.values(), settings, today, longestWarningWindow(settings)) };
  }, [assets, settings, today]);
}

/** The entries in the chosen order; ties keep the soonest first. */
export function sortExpiring(entries: readonly ExpiringDocument[], sort: ExpiringSort, nameOf: (userId: string) => string): ExpiringDocument[] {
  const compare: Record<ExpiringSort, (a: ExpiringDocument, b: ExpiringDocument) => number> = {
    soonest: (a, b) => a.daysLeft - b.daysLeft,
    latest: (a, b) => b.daysLeft - a.daysLeft,
    person: (a, b) => nameOf(a.userId).localeCompare(nameOf(b.userId)),
    kind: (a, b) => a.kindName.localeCompare(b.kindName),
  };
  return [...entries].sort((a, b) => compare[sort](a, b) || a.daysLeft - b.daysLeft);
}

export const EXPIRING_COLUMNS = ['Person', 'Document', 'File', 'Issued on', 'Expires on', 'Days left', 'State'] as const;

/** The list as CSV, in the screen's order, through the one CSV writer (formula-like cells escaped). */
export function expiringToCsv(entries: readonly ExpiringDocument[], nameOf: (userId: string) => string): string {
  return toCsv(
    entries.map((entry) => ({
      Person: nameOf(entry.userId),
      Document: entry.kindName,
      File: entry.document.fileName,
      'Issued on': documentFieldsOf(entry.document).issuedOn ?? '',
      'Expires on': entry.expiresOn,
      'Days left': String(entry.daysLeft),
      State: describeKindState(entry),
    })),
    EXPIRING_COLUMNS,
  );
}
