import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '@shared/api/contract';
import type { UnqueuedFile, UploadJob } from '@shared/api/uploads';
import { ServicesProvider } from '@renderer/common/services';
import { UploadPanel } from '@renderer/features/assets/UploadPanel';
import { renderWithMantine } from '@test/unit/renderer/support/render';

// A picked file is staged by main; here it comes back at once as a staged file of its own name.
vi.mock('@renderer/features/assets/stage-file', () => ({
  stageFile: async (_api: unknown, file: File) => ({
    ok: true,
    value: { stagingId: `stage-${file.name}`, fileName: file.name, mimeType: 'image/png', assetType: 'image', size: file.size, checksum: 'abc' },
  }),
}));

const leftOver: UnqueuedFile = {
  stagingId: 'stage-left-0001',
  fileName: 'landing-debrief.mp4',
  mimeType: 'video/mp4',
  assetType: 'video',
  size: 3 * 1024 * 1024,
  checksum: 'abc',
  stagedAt: '2026-03-01T09:00:00.000Z',
  discardAt: '2026-03-01T10:00:00.000Z',
};

/** Main as the panel sees it: no jobs, one file staged earlier, and a record of every call. */
function fakeApi() {
  const calls: Array<{ name: string; input: unknown }> = [];
  const api: ApiClient = {
    invoke: (async (name: string, input: unknown) => {
      calls.push({ name, input });
      if (name === 'uploads.list') return { ok: true, value: { jobs: [] } };
      if (name === 'uploads.staged') return { ok: true, value: { files: [leftOver], totalBytes: leftOver.size, quotaBytes: 2 * 1024 ** 3 } };
      if (name === 'uploads.discard') return { ok: true, value: { discarded: true } };
      if (name === 'uploads.enqueue') return { ok: true, value: {} };
      return { ok: false, error: { code: 'unsupported', message: 'not in this test' } };
    }) as ApiClient['invoke'],
    on: () => () => undefined,
  };
  return { api, calls };
}

const users = [{ value: 'u-1', label: 'Ann Pilot' }];

describe('upload panel: files added earlier', () => {
  it('lists a file main still holds, with when it goes, and removes it on request', async () => {
    const { api, calls } = fakeApi();
    const { user } = renderWithMantine(
      <ServicesProvider value={{ api }}>
        <UploadPanel users={users} earlier={{ timeZone: 'Europe/London' }} />
      </ServicesProvider>,
    );
    const name = await screen.findByText('landing-debrief.mp4');
    const row = name.closest('.mantine-Group-root')?.parentElement as HTMLElement;
    expect(within(row).getByText(/video · video\/mp4 · 3\.0 MB · added earlier, removed 2026-03-01 10:00 GMT unless uploaded/)).toBeInTheDocument();
    const upload = screen.getByRole('button', { name: 'Upload 1' });
    expect(upload).toBeDisabled();
    expect(upload).toHaveAccessibleDescription('Choose the user the files are for.');
    await user.click(within(row).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByText('landing-debrief.mp4')).not.toBeInTheDocument());
    expect(calls.filter((call) => call.name === 'uploads.discard')).toEqual([{ name: 'uploads.discard', input: { stagingId: 'stage-left-0001' } }]);
  });

  it('does not list them in a panel that did not ask (a profile image upload)', async () => {
    const { api, calls } = fakeApi();
    renderWithMantine(
      <ServicesProvider value={{ api }}>
        <UploadPanel users={users} defaultUserId="u-1" />
      </ServicesProvider>,
    );
    await waitFor(() => expect(calls.map((call) => call.name)).toContain('uploads.list'));
    expect(calls.map((call) => call.name)).not.toContain('uploads.staged');
    expect(screen.queryByText('landing-debrief.mp4')).not.toBeInTheDocument();
  });

  it('sends a document’s kind and dates with the upload, once they pass the school’s rules, and who is working', async () => {
    const { api, calls } = fakeApi();
    const { user } = renderWithMantine(
      <ServicesProvider value={{ api }}>
        <UploadPanel users={users} defaultUserId="u-1" earlier={{ timeZone: 'UTC' }} documentSettings={{ documentKinds: [{ kindId: 'medical', name: 'Medical certificate' }], documentRules: [] }} uploadedBy="Fran Office" />
      </ServicesProvider>,
    );
    await screen.findByText('landing-debrief.mp4');
    await user.type(screen.getByLabelText('Expires on'), '2026-05-31');
    await user.click(screen.getByRole('button', { name: 'Upload 1' }));
    expect(await screen.findByText('Pick the document kind these dates belong to')).toBeInTheDocument();
    expect(calls.map((call) => call.name)).not.toContain('uploads.enqueue');
    await user.click(screen.getAllByLabelText('Document kind')[0]!);
    await user.click(await screen.findByRole('option', { name: 'Medical certificate', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Upload 1' }));
    await waitFor(() => expect(calls.filter((call) => call.name === 'uploads.enqueue')).toEqual([
      { name: 'uploads.enqueue', input: { stagingId: 'stage-left-0001', userId: 'u-1', tags: [], document: { documentKind: 'medical', expiresOn: '2026-05-31' }, uploadedBy: 'Fran Office' } },
    ]));
  });

  it('shows an upload’s bytes, speed and time left as main reports them', async () => {
    const job: UploadJob = {
      jobId: 'job-00000001',
      assetId: 'asset-0000001',
      fileName: 'checkride.mp4',
      mimeType: 'video/mp4',
      assetType: 'video',
      size: 4 * 1024 * 1024,
      userId: 'u-1',
      tags: [],
      state: 'uploading',
      paused: false,
      bytesSent: 0,
      createdAt: '2026-03-01T09:00:00.000Z',
    } as UploadJob;
    const listeners = new Map<string, (payload: unknown) => void>();
    const api: ApiClient = {
      invoke: (async (name: string) => (name === 'uploads.list' ? { ok: true, value: { jobs: [job] } } : { ok: false, error: { code: 'unsupported', message: 'not in this test' } })) as ApiClient['invoke'],
      on: ((event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      }) as ApiClient['on'],
    };
    renderWithMantine(
      <ServicesProvider value={{ api }}>
        <UploadPanel users={users} defaultUserId="u-1" />
      </ServicesProvider>,
    );
    expect(await screen.findByTestId('upload-progress')).toHaveTextContent('0 B of 4.0 MB');
    act(() => listeners.get('uploads.progress')?.({ jobId: job.jobId, bytesSent: 1024 * 1024, size: job.size, bytesPerSecond: 512 * 1024, etaSeconds: 6 }));
    expect(await screen.findByText('1.0 MB of 4.0 MB · 512.0 KB/s · about 6 s left')).toBeInTheDocument();
  });

  it('starts empty again after an upload: the next files are not filed under the last person or tags', async () => {
    const { api, calls } = fakeApi();
    const people = [...users, { value: 'u-2', label: 'Raj Coleman · raj.c@example.com · Student' }];
    const { user } = renderWithMantine(
      <ServicesProvider value={{ api }}>
        <UploadPanel users={people} />
      </ServicesProvider>,
    );
    const picker = screen.getByTestId('file-picker');
    await user.upload(picker, new File(['a'], 'first.png', { type: 'image/png' }));
    const forUser = () => screen.getAllByLabelText('For user').find((element) => element.tagName === 'INPUT')!;
    await user.click(forUser());
    await user.click(await screen.findByRole('option', { name: 'Raj Coleman · raj.c@example.com · Student', hidden: true }));
    await user.type(screen.getAllByLabelText('Tags').find((element) => element.tagName === 'INPUT')!, 'medical{Enter}');
    await user.click(screen.getByRole('button', { name: 'Upload 1' }));
    await waitFor(() => expect(calls.filter((call) => call.name === 'uploads.enqueue').map((call) => call.input)).toEqual([{ stagingId: 'stage-first.png', userId: 'u-2', tags: ['medical'] }]));
    await user.upload(picker, new File(['b'], 'second.png', { type: 'image/png' }));
    await screen.findByText('second.png');
    expect(forUser()).toHaveValue('');
    expect(screen.queryByText('medical')).toBeNull();
    expect(screen.getByRole('button', { name: 'Upload 1' })).toBeDisabled();
  });
});
