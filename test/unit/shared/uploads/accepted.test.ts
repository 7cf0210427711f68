import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSET_TYPES } from '@shared/models/asset';
import { ACCEPTED_TYPES, acceptedType, assetFileProblem, assetObjectKey, extensionOf, isAssetObjectKey, mimeTypesOf, safeFileName } from '@shared/uploads/accepted';

describe('accepted upload types and key layout', () => {
  it('maps sniffed types to asset types and the extensions their names may carry', () => {
    expect(acceptedType('image/jpeg')).toMatchObject({ assetType: 'image', extensions: ['jpg', 'jpeg'] });
    expect(acceptedType('application/pdf')?.assetType).toBe('document');
    expect(acceptedType('video/quicktime')?.extensions).toContain('mov');
    expect(acceptedType('application/zip')).toBeUndefined();
    expect(extensionOf('Medical.Certificate.PDF')).toBe('pdf');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('README')).toBe('');
  });

  it('makes file names safe for keys and disks', () => {
    expect(safeFileName('Runway photo (1).png')).toBe('Runway-photo-1.png');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\pilot\\Licence été.pdf')).toBe('Licence-ete.pdf');
    expect(safeFileName('...')).toBe('file');
    expect(safeFileName(`${'x'.repeat(300)}.jpeg`)).toHaveLength(100);
  });

  it('always yields a key under users/<user>/<asset>/ with one safe last segment', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.uuid(), fc.string(), (userId, assetId, fileName) => {
        const key = assetObjectKey(userId, assetId, fileName);
        expect(isAssetObjectKey(key)).toBe(true);
        expect(key.startsWith(`users/`)).toBe(true);
        expect(key.split('/')).toHaveLength(4);
        expect(key.split('/')[3]).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
      }),
    );
    expect(assetObjectKey('user/../7', 'a1', 'x.png')).toBe('users/user%2F%2E%2E%2F7/a1/x.png');
    expect(isAssetObjectKey('users/u/a/../../x')).toBe(false);
    expect(isAssetObjectKey('backups/db.sql')).toBe(false);
  });

  it('lets each accepted MIME type fit its own asset type and no other, and names what fits', () => {
    for (const { mimeType, assetType } of ACCEPTED_TYPES) {
      for (const other of ASSET_TYPES) expect(assetFileProblem(other, mimeType) === undefined).toBe(other === assetType);
    }
    expect(mimeTypesOf('document')).toEqual(['application/pdf']);
    expect(assetFileProblem('image', 'text/html')).toBe('An image asset is image/jpeg, image/png, image/webp, image/gif, image/heic or image/heif, not text/html.');
    expect(assetFileProblem('document', 'image/svg+xml')).toBe('A document asset is application/pdf, not image/svg+xml.');
    expect(assetFileProblem('video', 'IMAGE/PNG')).toMatch(/^A video asset is video\/mp4, /);
  });
});
