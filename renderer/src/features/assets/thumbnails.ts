import { useEffect, useState } from 'react';
import type { ApiClient } from '@shared/api/contract';
import { useServices } from '@renderer/common/services';
import type { AssetItem } from '@renderer/common/items';

// Thumbnails are data URLs (allowed by the CSP, unlike presigned S3 addresses): fetched once per asset.
const cache = new Map<string, Promise<string | null>>();

function thumbnailOf(api: ApiClient, asset: AssetItem): Promise<string | null> {
  let pending = cache.get(asset.assetId);
  if (!pending) {
    // A failure (offline, or the call itself failing) is no thumbnail, and is not remembered: the next render asks again.
    pending = api
      .invoke('assets.thumbnail', { assetId: asset.assetId, s3Key: asset.s3Key })
      .then(
        (result) => (result.ok ? result.value.dataUrl : null),
        (error: unknown) => {
          console.error('Thumbnail not fetched', error);
          return null;
        },
      )
      .then((url) => {
        if (url === null) cache.delete(asset.assetId);
        return url;
      });
    cache.set(asset.assetId, pending);
  }
  return pending;
}

/** An image asset's thumbnail from main, or null (not an image, offline, or still loading). */
export function useThumbnail(asset: AssetItem | undefined): string | null {
  const { api } = useServices();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    setUrl(null);
    if (!asset || asset.assetType !== 'image') return;
    let live = true;
    thumbnailOf(api, asset).then(
      (found) => live && setUrl(found),
      (error: unknown) => console.error('Thumbnail not shown', error),
    );
    return () => {
      live = false;
    };
  }, [api, asset]);
  return url;
}
