import { z } from 'zod';
import { LocalDateSchema } from '../models/booking';
import { DocumentKindSchema } from '../models/school-settings';
import type { DocumentSettings } from './currency';

/** A document's fields as an asset's metadata holds them (set at upload or on the asset's page). */
export type DocumentFields = { documentKind: string; issuedOn?: string; expiresOn?: string };

/** The one rule between a document's dates, wherever they are entered: the expiry comes after the issue. */
export function checkDocumentDates(dates: { issuedOn?: string | undefined; expiresOn?: string | undefined }, ctx: z.RefinementCtx): void {
  if (dates.issuedOn && dates.expiresOn && dates.expiresOn <= dates.issuedOn) {
    ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The expiry date comes after the issue date' });
  }
}

/** The document fields of an upload, checked by main: types and dates (the kind's list is the school's, checked where it is picked). */
export const UploadDocumentSchema = z
  .object({ documentKind: DocumentKindSchema.shape.kindId, issuedOn: LocalDateSchema.optional(), expiresOn: LocalDateSchema.optional() })
  .strict()
  .superRefine(checkDocumentDates);

/** A date input's text: empty, or a real date. */
const DateTextSchema = z.string().refine((text) => text === '' || LocalDateSchema.safeParse(text).success, 'A date like 2026-05-31');

/**
 * The document fields an office user enters, checked against the school's kinds: a kind from its list,
 * dates only with a kind, the expiry after the issue. Empty text is an absent field; all empty: not a
 * document. The stored item's schema checks only the types (shared/models/asset.ts).
 */
export function documentFieldsSchema(settings: Pick<DocumentSettings, 'documentKinds'>) {
  const kinds = settings.documentKinds.map((kind) => kind.kindId);
  return z
    .object({
      documentKind: z.string().refine((kind) => kind === '' || kinds.includes(kind), 'Pick a document kind from the school’s list (Settings)'),
      issuedOn: DateTextSchema,
      expiresOn: DateTextSchema,
    })
    .superRefine((values, ctx) => {
      if (values.documentKind === '' && (values.issuedOn || values.expiresOn)) {
        ctx.addIssue({ code: 'custom', path: ['documentKind'], message: 'Pick the document kind these dates belong to' });
      }
      checkDocumentDates(values, ctx);
    })
    .transform((values): DocumentFields | null =>
      values.documentKind === ''
        ? null
        : { documentKind: values.documentKind, ...(values.issuedOn ? { issuedOn: values.issuedOn } : {}), ...(values.expiresOn ? { expiresOn: values.expiresOn } : {}) },
    );
}
export type DocumentFieldsInput = z.input<ReturnType<typeof documentFieldsSchema>>;
