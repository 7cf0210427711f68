import type { ApiClient } from '@shared/api/contract';
import { ApiErrorSchema, type Result } from '@shared/api/result';
import { STAGE_PATH, TOKEN_HEADER } from '@shared/api/socket-protocol';
import { StagedFileSchema, type StagedFile } from '@shared/api/uploads';
import { electronBridge } from '@renderer/api';
import { NO_TOKEN_MESSAGE, launchToken } from '@renderer/api/launch-token';

/**
 * Hands a dropped or picked file to main's staging folder: in Electron by its path (the preload's
 * `webUtils.getPathForFile`), in the browser build by streaming it to the loopback server with the tab's
 * access token in a header. The renderer gets back only a staging id and the file's checked metadata.
 */
export async function stageFile(api: ApiClient, file: File): Promise<Result<StagedFile>> {
  const bridge = electronBridge();
  if (bridge) return api.invoke('uploads.stagePath', { path: bridge.pathForFile(file) });
  const token = launchToken();
  if (!token) return { ok: false, error: { code: 'unauthorized', message: NO_TOKEN_MESSAGE } };
  try {
    const response = await fetch(`${STAGE_PATH}?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream', [TOKEN_HEADER]: token },
    });
    const body = (await response.json()) as { ok?: boolean; value?: unknown; error?: unknown };
    if (body.ok) {
      const staged = StagedFileSchema.safeParse(body.value);
      return staged.success ? { ok: true, value: staged.data } : { ok: false, error: { code: 'internal', message: 'The staged file came back malformed' } };
    }
    const error = ApiErrorSchema.safeParse(body.error);
    return { ok: false, error: error.success ? error.data : { code: 'internal', message: `Staging failed (${response.status})` } };
  } catch {
    return { ok: false, error: { code: 'unavailable', message: 'The app could not be reached to stage the file' } };
  }
}
