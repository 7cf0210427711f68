import { daysBetween } from '../local-date';
import { documentFieldsOf, documentsOfKind, kindNameOf, kindStateOn, type DocumentAsset, type DocumentSettings } from './currency';
import { documentWarningDaysOf } from '../models/school-settings';

export type ExpiringDocument = {
  document: DocumentAsset;
  userId: string;
  kindId: string;
  kindName: string;
  expiresOn: string;
  /** Negative: expired that many days ago. */
  daysLeft: number;
  state: 'expiring' | 'expired';
};

/** The school's longest warning window: what the "Expiring soon" list covers. */
export function longestWarningWindow(settings: Pick<DocumentSettings, 'documentWarningDays'>): number {
  return documentWarningDaysOf(settings)[0] ?? 0;
}

/**
 * Documents that expire within `withinDays` of `today` (a school date), or have expired, soonest
 * first. Per person and kind only the document valid longest counts: a medical renewed before the old
 * one ran out is not listed. Documents without a kind or an expiry are not.
 */
export function expiringDocuments(documents: Iterable<DocumentAsset>, settings: DocumentSettings, today: string, withinDays: number): ExpiringDocument[] {
  const all = [...documents].filter((asset) => asset.deleted !== true);
  const groups = new Map<string, { userId: string; kindId: string }>();
  for (const asset of all) {
    const { documentKind } = documentFieldsOf(asset);
    if (documentKind) groups.set(JSON.stringify([asset.userId, documentKind]), { userId: asset.userId, kindId: documentKind });
  }
  const warningDays = documentWarningDaysOf(settings);
  const result: ExpiringDocument[] = [];
  for (const { userId, kindId } of groups.values()) {
    // Judged at the end of the window: the document that will be valid longest.
    const latest = kindStateOn(documentsOfKind(all, userId, kindId), '9999-12-31', warningDays).document;
    const expiresOn = latest ? documentFieldsOf(latest).expiresOn : undefined;
    if (!latest || expiresOn === undefined) continue;
    const daysLeft = daysBetween(today, expiresOn);
    if (daysLeft > withinDays) continue;
    result.push({ document: latest, userId, kindId, kindName: kindNameOf(kindId, settings), expiresOn, daysLeft, state: daysLeft < 0 ? 'expired' : 'expiring' });
  }
  return result.sort((a, b) => a.daysLeft - b.daysLeft || a.userId.localeCompare(b.userId) || a.kindId.localeCompare(b.kindId));
}
