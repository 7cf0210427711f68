import { describe, expect, it } from 'vitest';
import { escapeCell, unescapeCell } from '@renderer/features/import/csv-columns';
import { bookingsToCsv, toCsv } from '@renderer/features/import/csv-export';
import { previewBookingsImport } from '@renderer/features/import/csv-import';
import { aServerBooking } from '@test/support/builders';

describe('CSV export escaping', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['−1', "'−1"],
    [' =1+1', "' =1+1"],
    ['\u00A0\u3000=1', "'\u00A0\u3000=1"],
    ['\u200B=1', "'\u200B=1"],
    ["'x", "''x"],
    ['trailing ', "'trailing "],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeCell(text)).toBe(escaped);
    expect(unescapeCell(escaped)).toBe(text);
  });

  it.each(['', 'Ann', 'Main, "North" apron', '12.5', 'a=b', 'x-ray', 'me@example.com', '100%', '|cmd'])('leaves %j as it is', (text) => {
    expect(escapeCell(text)).toBe(text);
    expect(unescapeCell(text)).toBe(text);
  });

  it('trims the cells of a hand-edited file and keeps a quote before text that needed no escape', () => {
    expect(unescapeCell('  Ann  ')).toBe('Ann');
    expect(unescapeCell("'hello")).toBe("'hello");
    expect(unescapeCell("  '=1")).toBe('=1');
  });

  it('quotes the escaped cell in the file, so a spreadsheet reads the quote first', () => {
    expect(toCsv([{ a: ' =1+1', b: '＝2', c: 'ok' }], ['a', 'b', 'c'])).toBe('a,b,c\r\n"\' =1+1","\'＝2",ok');
  });

  it('a booking whose notes a spreadsheet would run comes back from import as it was', () => {
    const notes = ' =HYPERLINK("http://evil.example","Open") ';
    const booking = aServerBooking(1, { bookingId: 'bk-notes', details: { notes, location: '＠hangar' } });
    const csv = bookingsToCsv([booking], () => ({ name: 'Ann', email: 'ann@example.com' }));
    const preview = previewBookingsImport(csv, { now: new Date('2026-03-01T12:00:00Z'), newId: () => 'x', existingBookingIds: new Set(), knownUserIds: new Set([booking.userId]) });
    expect(preview.valid[0]?.details).toMatchObject({ notes, location: '＠hangar' });
  });
});
