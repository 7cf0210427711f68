import { crc32, deflateSync } from 'node:zlib';

/**
 * The sample assets' files: small, valid and deterministic, so every sample asset opens and its item's
 * `mimeType`, `size` and image `metadata` describe the bytes exactly (the upload path sniffs real files the same way).
 */

export type SampleImageStyle = 'portrait' | 'ruled-page';

/** An RGB PNG: a portrait is a head and shoulders on a coloured ground, a ruled page is a logbook page. */
export function samplePng(style: SampleImageStyle, width: number, height: number, hue: number): Uint8Array {
  const ground = style === 'portrait' ? hsl(hue, 0.45, 0.72) : [250, 248, 240];
  const ink = style === 'portrait' ? hsl(hue, 0.35, 0.35) : [120, 150, 200];
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0: none
    for (let x = 0; x < width; x++) {
      const colour = (style === 'portrait' ? inPortrait(x / width, y / height) : y % 24 === 0 || x === 40) ? ink : ground;
      row.set(colour, 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function inPortrait(x: number, y: number): boolean {
  const head = (x - 0.5) ** 2 + ((y - 0.38) * 1.1) ** 2 < 0.035;
  const shoulders = y > 0.68 && (x - 0.5) ** 2 + (y - 1.05) ** 2 < 0.16;
  return head || shoulders;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  typed.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typed), 8 + data.length);
  return chunk;
}

function hsl(hue: number, saturation: number, lightness: number): [number, number, number] {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}

/** A one-page PDF (A4, Helvetica, no embedded font) with a title and a few lines, with a correct cross-reference table. */
export function samplePdf(title: string, lines: readonly string[]): Uint8Array {
  const text = [`BT /F1 20 Tf 60 770 Td (${pdfText(title)}) Tj ET`, ...lines.map((line, i) => `BT /F1 12 Tf 60 ${730 - i * 20} Td (${pdfText(line)}) Tj ET`)].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** PDF string literals: backslash and parentheses escaped, anything outside Latin-1 replaced. */
function pdfText(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\xff]/g, '?');
}
