import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { samplePdf, samplePng } from '@main/ops/sample-files';

describe('samplePng', () => {
  it('is a PNG of the asked size whose chunks carry correct checksums', async () => {
    for (const style of ['portrait', 'ruled-page'] as const) {
      const png = Buffer.from(samplePng(style, 120, 90, 200));
      expect((await fileTypeFromBuffer(png))?.mime).toBe('image/png');
      expect(imageSize(png)).toMatchObject({ width: 120, height: 90, type: 'png' });
      for (let offset = 8; offset < png.length; ) {
        const length = png.readUInt32BE(offset);
        expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
        offset += 12 + length;
      }
    }
    expect(samplePng('portrait', 40, 40, 10)).toEqual(samplePng('portrait', 40, 40, 10));
    expect(samplePng('portrait', 40, 40, 10)).not.toEqual(samplePng('portrait', 40, 40, 200));
  });
});

describe('samplePdf', () => {
  it('writes its text as PDF string literals, escaped, with a cross-reference table that points at each object', async () => {
    const pdf = Buffer.from(samplePdf('Renter\'s insurance (copy) \\ 2', ['Holder: Zoë Ng', 'Ref ☃'])).toString('latin1');
    expect((await fileTypeFromBuffer(Buffer.from(pdf, 'latin1')))?.mime).toBe('application/pdf');
    expect(pdf).toContain("(Renter's insurance \\(copy\\) \\\\ 2) Tj");
    expect(pdf).toContain('(Holder: Zo\xeb Ng) Tj');
    expect(pdf).toContain('(Ref ?) Tj');
    const offsets = [...pdf.matchAll(/(\d{10}) 00000 n /g)].map((match) => Number(match[1]));
    offsets.forEach((offset, i) => expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true));
    const length = Number(/\/Length (\d+)/.exec(pdf)![1]);
    const stream = pdf.slice(pdf.indexOf('stream\n') + 7, pdf.indexOf('\nendstream'));
    expect(Buffer.byteLength(stream, 'latin1')).toBe(length);
  });
});
