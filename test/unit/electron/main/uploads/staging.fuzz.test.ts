import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discardStaged, stagedFilePath, stageFromStream, stagingDir } from '@main/uploads/staging';
import { ApiFailure } from '@shared/api/result';
import { StagedFileSchema } from '@shared/api/uploads';
import { ACCEPTED_TYPES, acceptedType, extensionOf } from '@shared/uploads/accepted';
import { fuzzParameters, fuzzRuns, fuzzTimeout } from '@test/support/fuzz';

const runs = fuzzRuns(60);

/** A small real file of each kind: the bytes that make the type, whatever follows them. */
type Sample = { mimeType: string; bytes: Buffer };
const box = (type: string, brand: string) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(brand, 'latin1'), Buffer.alloc(4), Buffer.from(brand, 'latin1')]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length + 4);
  return Buffer.concat([size, body]);
};
let accepted: Sample[];
/** Bytes of types the app refuses, some behind an accepted extension. */
const REFUSED: Buffer[] = [
  Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000', 'latin1'),
  Buffer.from('MZ\u0090\u0000\u0003\u0000\u0000\u0000', 'latin1'),
  Buffer.from('<!doctype html><script>alert(1)</script>'),
  Buffer.from('\u007fELF\u0002\u0001\u0001\u0000', 'latin1'),
];

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pf-staging-fuzz-'));
  const image = sharp({ create: { width: 3, height: 2, channels: 3, background: '#336699' } });
  accepted = [
    { mimeType: 'image/png', bytes: await image.clone().png().toBuffer() },
    { mimeType: 'image/jpeg', bytes: await image.clone().jpeg().toBuffer() },
    { mimeType: 'image/webp', bytes: await image.clone().webp().toBuffer() },
    { mimeType: 'image/gif', bytes: await image.clone().gif().toBuffer() },
    { mimeType: 'application/pdf', bytes: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n') },
    { mimeType: 'video/mp4', bytes: box('ftyp', 'isom') },
    { mimeType: 'video/quicktime', bytes: box('ftyp', 'qt  ') },
  ];
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const listing = async () => (await readdir(stagingDir(dataDir)).catch(() => [] as string[])).sort();

const EXTENSIONS = [...new Set(ACCEPTED_TYPES.flatMap((type) => type.extensions)), 'exe', 'txt', 'html', 'PNG', 'Jpg', ''];
/** Names as drops and browsers give them: path parts, Windows fake paths, controls, bidi overrides, huge lengths. */
const fileNameArb = fc
  .record({
    folder: fc.constantFrom('', '../../', '/etc/', 'C:\\fakepath\\', '..\\..\\windows\\', 'a/b\\c/'),
    stem: fc.oneof(fc.string({ maxLength: 40, unit: 'grapheme' }), fc.string({ maxLength: 40, unit: 'binary' }), fc.string({ minLength: 250, maxLength: 400 }), fc.constantFrom('', ' ', '.', '..', 'photo\u202Egnp', 'a\u0000b', 'tab\there', 'new\nline')),
    extension: fc.constantFrom(...EXTENSIONS),
  })
  .map(({ folder, stem, extension }) => `${folder}${stem}${extension ? `.${extension}` : ''}`);

const tail = fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes));

/** Streams the bytes in a few chunks, as the loopback server's request body arrives. */
function streamOf(bytes: Buffer, cuts: number[]): Readable {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks = [0, ...points, bytes.length].slice(1).map((end, i, ends) => bytes.subarray(i === 0 ? 0 : (ends[i - 1] ?? 0), end));
  return Readable.from(chunks.filter((chunk) => chunk.length > 0));
}

/** The last path part as the user sees it, for comparing with what staging kept. */
const lastPart = (name: string) => name.split(/[\\/]/).pop() ?? '';

describe('staging files whose bytes and names lie (fuzz)', () => {
  it(
    'a file is staged as what its bytes are, under its own name only; a name that lies about it is refused and nothing stays',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: 100 }), tail, fileNameArb, fc.array(fc.nat(), { maxLength: 3 }), async (which, rest, fileName, cuts) => {
          const sample = accepted[which % accepted.length] as Sample;
          const bytes = Buffer.concat([sample.bytes, rest]);
          const before = await listing();
          let staged;
          try {
            staged = await stageFromStream({ dataDir }, streamOf(bytes, cuts), { fileName });
          } catch (error) {
            expect(error).toBeInstanceOf(ApiFailure);
            const failure = error as ApiFailure;
            expect(['invalid_input', 'unsupported']).toContain(failure.code);
            expect(failure.message.length).toBeGreaterThan(0);
            expect(await listing()).toEqual(before);
            return;
          }
          // Staged: the type is the bytes' own, the name carries no path or control characters, the bytes are kept exactly.
          expect(StagedFileSchema.safeParse(staged).success).toBe(true);
          expect(staged.mimeType).toBe(sample.mimeType);
          const type = acceptedType(staged.mimeType);
          const ext = extensionOf(staged.fileName);
          expect(ext === '' || type?.extensions.includes(ext)).toBe(true);
          expect(staged.fileName).not.toMatch(/[\\/\p{Cc}\u202A-\u202E\u2066-\u2069]/u);
          expect(staged.fileName.length).toBeLessThanOrEqual(255);
          expect(staged.fileName).toBe(lastPart(fileName).replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/gu, '').trim());
          expect(staged.size).toBe(bytes.length);
          expect(staged.checksum).toBe(createHash('sha256').update(bytes).digest('base64'));
          expect((await readFile(stagedFilePath(dataDir, staged.stagingId))).equals(bytes)).toBe(true);
          expect((await listing()).filter((name) => !before.includes(name)).every((name) => name.startsWith(staged.stagingId))).toBe(true);
          await discardStaged(dataDir, staged.stagingId);
          expect(await listing()).toEqual(before);
        }),
        fuzzParameters(runs),
      );
    },
    fuzzTimeout(runs, 40),
  );

  it(
    'bytes of a type the app does not take are refused whatever the name says, and nothing stays',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.constantFrom(...REFUSED).chain((head) => tail.map((rest) => Buffer.concat([head, rest]))), tail),
          fileNameArb,
          async (bytes, fileName) => {
            const before = await listing();
            const outcome = await stageFromStream({ dataDir }, Readable.from([bytes]), { fileName }).then(
              (file) => ({ staged: file }),
              (error: unknown) => ({ error }),
            );
            expect(outcome).toHaveProperty('error');
            const failure = (outcome as { error: ApiFailure }).error;
            expect(failure).toBeInstanceOf(ApiFailure);
            expect(['invalid_input', 'unsupported']).toContain(failure.code);
            expect(await listing()).toEqual(before);
          },
        ),
        fuzzParameters(runs),
      );
    },
    fuzzTimeout(runs, 20),
  );
});
