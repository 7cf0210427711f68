import { useEffect, useState } from 'react';
import type { ApiClient } from '@shared/api/contract';
import { useServices } from '@renderer/common/services';
import type { AssetItem } from '@renderer/common/items';

// Thumbnails are data URLs (allowed by the CSP, unlike presigned S3 addresses): fetched once per asset.
const cache = new Map<string, Promise<string | null>>();

function thumbnailOf(api: ApiClient, asset: AssetItem): Promise<string | null> {
  let pending = cache.get(asset.assetId);
  if (!pending) {
    pending = api.invoke('assets.thumbnail', { assetId: asset.assetId, s3Key: asset.s3Key }).then((result) => (result.ok ? result.value.dataUrl : null));
    // A failure (offline) is not remembered: the next render asks again.
    void pending.then((url) => url === null && cache.delete(asset.assetId));
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
    void thumbnailOf(api, asset).then((found) => live && setUrl(found));
    return () => {
      live = false;
    };
  }, [api, asset]);
  return url;
}
