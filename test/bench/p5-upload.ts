import type { BenchContext } from './context';
import type { Figure } from './report';

/** P5: the upload queue vs a direct lib-storage Upload (filled in when the upload queue lands). */
export async function benchUpload(_ctx: BenchContext, _s3Endpoint: string): Promise<Figure[]> {
  throw new Error('the upload queue (electron/main/uploads) is not in the tree yet');
}
