import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '@renderer/features/import/csv-export';
import { parseCsv } from '@renderer/features/import/csv-import';
import { fuzzParameters, fuzzRuns, fuzzTimeout } from '@test/support/fuzz';

const runs = fuzzRuns(300);
const COLUMNS = ['line', 'a', 'b', 'c'];

/** What a spreadsheet may take for the start of a formula, and what it may skip before it. */
const FORMULA_CHARS = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫', '−'];
const BLANKS = [' ', '\t', '\r', '\n', '\u00A0', '\u3000', '\u200B', '\uFEFF', '\u202E', '\u0000', '\u0085', '\u2028'];

/** Any string, weighted towards cells that matter here: formula-led, blank-led, quote-led, CSV syntax. */
const cell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 10 }), // lone surrogates too
  fc
    .tuple(fc.array(fc.constantFrom(...BLANKS, "'"), { maxLength: 3 }), fc.constantFrom(...FORMULA_CHARS, "'", '"', ',', 'x'), fc.string({ maxLength: 12 }), fc.array(fc.constantFrom(...BLANKS), { maxLength: 2 }))
    .map(([lead, first, rest, tail]) => [...lead, first, rest, ...tail].join('')),
  fc.constantFrom('', ' ', "'", "''", '=1+1', ' =1+1', '\t=1', '=HYPERLINK("http://x","y")', '+44 20 7946 0000', '-12.5', '@SUM(A1)', '＝1+1', '"', '""', '\r\n', ',', "'=1"),
);
const rowsArb = fc.array(fc.tuple(cell, cell, cell), { maxLength: 6 });

const asRows = (rows: Array<[string, string, string]>) => rows.map(([a, b, c], i) => ({ line: String(i + 1), a, b, c }));

describe('CSV export (fuzz)', () => {
  it(
    'import gives back every exported string exactly',
    () => {
      fc.assert(
        fc.property(rowsArb, (raw) => {
          const rows = asRows(raw);
          const { header, records, errors } = parseCsv(toCsv(rows, COLUMNS));
          expect(errors).toEqual([]);
          expect(header).toEqual(COLUMNS);
          expect(records).toEqual(rows);
        }),
        fuzzParameters(runs),
      );
    },
    fuzzTimeout(runs, 5),
  );

  it(
    'no exported cell starts with a formula character, even after blanks a spreadsheet may skip',
    () => {
      fc.assert(
        fc.property(rowsArb, (raw) => {
          const parsed = Papa.parse<string[]>(toCsv(asRows(raw), COLUMNS), { skipEmptyLines: 'greedy' });
          for (const value of parsed.data.flat()) {
            const shown = value.replace(/^[\s\p{Cc}\p{Cf}]+/u, '');
            expect(FORMULA_CHARS.some((char) => shown.startsWith(char)), JSON.stringify(value)).toBe(false);
            // Nor with a blank: an escaped cell starts with the `'` itself.
            expect(shown, JSON.stringify(value)).toBe(value);
          }
        }),
        fuzzParameters(runs),
      );
    },
    fuzzTimeout(runs, 5),
  );
});
