import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssetSchema, UserSchema, WEB_URL_MESSAGE, isWebUrl } from '@shared/models';

const user = { userId: 'u-1', email: 'ann@example.com', name: 'Ann', role: 'customer', createdAt: '2023-07-01T09:00:00Z', updatedAt: '2023-07-01T09:00:00Z' };
const asset = {
  assetId: 'a-1',
  assetType: 'image',
  fileName: 'x.png',
  s3Key: 'users/u-1/a-1/x.png',
  mimeType: 'image/png',
  size: 10,
  userId: 'u-1',
  createdAt: '2023-07-01T09:00:00Z',
  updatedAt: '2023-07-01T09:00:00Z',
};

const REFUSED = [
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  ' javascript:alert(1)',
  ' https://example.com/a.png',
  'ht\ttps://example.com/a.png',
  'https://example.com/a\n.png',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://files.example.com/a.png',
  'blob:https://example.com/uuid',
  'http://pilotforce-user-assets.s3.amazonaws.com/a.png',
  'http://10.0.0.5/a.png',
  'http://127.0.0.1.evil.example/a.png',
  'http://localhost.evil.example/a.png',
  'https://ann:secret@example.com/a.png',
  '//example.com/a.png',
  'example.com/a.png',
  '',
];
const ACCEPTED = [
  'https://pilotforce-user-assets.s3.eu-west-1.amazonaws.com/users/u-1/a-1/x.png',
  'HTTPS://Example.com/a.png',
  'http://127.0.0.1:4569/pilotforce-user-assets/users/u-1/a-1/x.png',
  'http://127.1:4569/b/x.png',
  'http://localhost:4569/b/x.png',
  'http://[::1]:4569/b/x.png',
];

describe('URL fields (profileImageUrl, s3Url)', () => {
  it.each(REFUSED)('refuse %j', (url) => {
    expect(isWebUrl(url)).toBe(false);
    const parsed = UserSchema.safeParse({ ...user, profileImageUrl: url });
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['profileImageUrl'], message: WEB_URL_MESSAGE })]);
    expect(AssetSchema.safeParse({ ...asset, s3Url: url }).error?.issues).toEqual([expect.objectContaining({ path: ['s3Url'], message: WEB_URL_MESSAGE })]);
  });

  it.each(ACCEPTED)('accept %j (https anywhere, http only on loopback)', (url) => {
    expect(UserSchema.safeParse({ ...user, profileImageUrl: url }).success).toBe(true);
    expect(AssetSchema.safeParse({ ...asset, s3Url: url }).success).toBe(true);
  });

  it('accept any https address without credentials, and refuse other schemes to hosts that are not loopback', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }), (url) => {
        expect(isWebUrl(url)).toBe(!/^https:\/\/[^/?#]*@/.test(url));
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'ftp', 'ws', 'javascript', 'data', 'file'] }), (url) => {
        const { hostname } = new URL(url);
        fc.pre(!/^(localhost|\[::1\]|127\.\d+\.\d+\.\d+)$/.test(hostname));
        expect(isWebUrl(url)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});
