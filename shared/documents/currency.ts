import type { Asset, SchoolSettingsValues } from '../models';
import { documentWarningDaysOf } from '../models/school-settings';
import { daysBetween } from '../local-date';

/**
 * Whether a person's papers are current on a school date: for each document kind their role requires
 * (the school's `documentRules`), the document that covers the date, or why none does. Pure: the
 * person page, the booking check, the expiring list and the ops CLI all read it.
 */

export type DocumentSettings = Pick<SchoolSettingsValues, 'documentKinds' | 'documentRules' | 'documentWarningDays'>;

/** What the rules read of an asset: its owner and its document metadata. */
export type DocumentAsset = Pick<Asset, 'assetId' | 'userId' | 'fileName' | 'metadata'> & { deleted?: boolean };

export type DocumentState = 'current' | 'expiring' | 'expired' | 'missing';
export type Enforcement = 'warn' | 'block';

export type KindCurrency = {
  kindId: string;
  /** The school's name for the kind (its id when the kind is no longer in the settings). */
  kindName: string;
  state: DocumentState;
  /** 'block' when any rule of the person's role that requires this kind blocks a booking. */
  enforcement: Enforcement;
  /** The document that covers the date, or the latest one that expired; absent when missing. */
  document?: DocumentAsset;
  expiresOn?: string;
  /** Days from the date to the expiry (0: the last valid day; negative: expired). */
  daysLeft?: number;
  /** The nearest warning window the expiry falls in (e.g. 30 of 90/45/30), when expiring. */
  window?: number;
};

/** The document kinds a role must hold, each with its strictest enforcement, in the rules' order. */
export function requiredKindsOf(role: string, settings: DocumentSettings): Map<string, Enforcement> {
  const kinds = new Map<string, Enforcement>();
  for (const rule of settings.documentRules) {
    if (rule.role !== role) continue;
    for (const kind of rule.requiredKinds) if (kinds.get(kind) !== 'block') kinds.set(kind, rule.enforcement);
  }
  return kinds;
}

export function kindNameOf(kindId: string, settings: Pick<DocumentSettings, 'documentKinds'>): string {
  return settings.documentKinds.find((kind) => kind.kindId === kindId)?.name ?? kindId;
}

/** The string metadata fields of a document (other tools may write anything in the map). */
export function documentFieldsOf(asset: DocumentAsset): { documentKind?: string; issuedOn?: string; expiresOn?: string } {
  const metadata = asset.metadata ?? {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const documentKind = text(metadata.documentKind);
  const issuedOn = text(metadata.issuedOn);
  const expiresOn = text(metadata.expiresOn);
  return { ...(documentKind ? { documentKind } : {}), ...(issuedOn ? { issuedOn } : {}), ...(expiresOn ? { expiresOn } : {}) };
}

/** A person's live documents of one kind. */
export function documentsOfKind(documents: Iterable<DocumentAsset>, userId: string, kindId: string): DocumentAsset[] {
  return [...documents].filter((asset) => asset.userId === userId && asset.deleted !== true && documentFieldsOf(asset).documentKind === kindId);
}

/** Later expiry first; a document without an expiry never expires, so it comes first. */
function byExpiryDescending(a: DocumentAsset, b: DocumentAsset): number {
  const ea = documentFieldsOf(a).expiresOn ?? '9999-12-31';
  const eb = documentFieldsOf(b).expiresOn ?? '9999-12-31';
  return ea < eb ? 1 : ea > eb ? -1 : 0;
}

/**
 * The state of one kind on `onDate` from the person's documents of that kind. A document is valid
 * from its issue date through its expiry date, both included; one issued after the date does not
 * cover it. Of several, the one valid longest counts.
 */
export function kindStateOn(documents: readonly DocumentAsset[], onDate: string, warningDays: readonly number[]): Pick<KindCurrency, 'state' | 'document' | 'expiresOn' | 'daysLeft' | 'window'> {
  const issued = documents.filter((asset) => {
    const { issuedOn } = documentFieldsOf(asset);
    return issuedOn === undefined || issuedOn <= onDate;
  });
  const best = [...issued].sort(byExpiryDescending)[0];
  if (!best) return { state: 'missing' };
  const { expiresOn } = documentFieldsOf(best);
  if (expiresOn === undefined) return { state: 'current', document: best };
  const daysLeft = daysBetween(onDate, expiresOn);
  if (daysLeft < 0) return { state: 'expired', document: best, expiresOn, daysLeft };
  const window = [...warningDays].sort((a, b) => a - b).find((days) => daysLeft <= days);
  return window === undefined ? { state: 'current', document: best, expiresOn, daysLeft } : { state: 'expiring', document: best, expiresOn, daysLeft, window };
}

/** Every kind the person's role requires, with its state on `onDate` (a school date, `YYYY-MM-DD`). */
export function currencyOn(person: { userId: string; role: string }, documents: Iterable<DocumentAsset>, settings: DocumentSettings, onDate: string): KindCurrency[] {
  const all = [...documents];
  const warningDays = documentWarningDaysOf(settings);
  return [...requiredKindsOf(person.role, settings)].map(([kindId, enforcement]) => ({
    kindId,
    kindName: kindNameOf(kindId, settings),
    enforcement,
    ...kindStateOn(documentsOfKind(all, person.userId, kindId), onDate, warningDays),
  }));
}

/** The state in the office's words, e.g. "Expires in 12 days (2026-05-31)". */
export function describeKindState(kind: Pick<KindCurrency, 'state' | 'expiresOn' | 'daysLeft'>): string {
  switch (kind.state) {
    case 'missing':
      return 'Missing: no document of this kind uploaded';
    case 'expired':
      return `Expired on ${kind.expiresOn ?? '?'}`;
    case 'expiring':
      return kind.daysLeft === 0 ? `Expires today (${kind.expiresOn ?? '?'})` : `Expires in ${kind.daysLeft ?? '?'} ${kind.daysLeft === 1 ? 'day' : 'days'} (${kind.expiresOn ?? '?'})`;
    case 'current':
      return kind.expiresOn ? `Current until ${kind.expiresOn}` : 'Current (no expiry)';
  }
}
