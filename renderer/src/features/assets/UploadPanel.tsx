import { Alert, Badge, Button, Group, Image, Paper, Progress, Select, Stack, TagsInput, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { StagedFile, UploadJob, UploadProgress } from '@shared/api/uploads';
import { handled, showFailure } from '@renderer/common/failures';
import { useServices } from '@renderer/common/services';
import { formatInstant } from '@renderer/common/time-zone';
import type { DocumentFieldsInput, DocumentSettings } from '@shared/documents';
import { DocumentFieldsInputs } from '../documents/DocumentFieldsInputs';
import { checkDocumentInput, NO_DOCUMENT, type DocumentInputErrors } from '../documents/document-input';
import { formatSize, uploadProgressText } from './format';
import { stageFile } from './stage-file';

/** A file staged in this window, one main still holds from earlier (with when it goes), or one it refused. */
type Staged = { file: StagedFile; discardAt?: string } | { fileName: string; error: string };

/** Upload jobs from main, kept current by its `uploads.changed` and `uploads.progress` events. */
function useUploadJobs() {
  const { api } = useServices();
  const [jobs, setJobs] = useState<Map<string, UploadJob>>(new Map());
  const [progress, setProgress] = useState<Map<string, UploadProgress>>(new Map());
  useEffect(() => {
    api.invoke('uploads.list', {}).then(
      (result) => {
        if (result.ok) setJobs(new Map(result.value.jobs.map((job) => [job.jobId, job])));
      },
      (error: unknown) => showFailure(error, 'Uploads not listed'),
    );
    const offChanged = api.on('uploads.changed', (job) => setJobs((current) => new Map(current).set(job.jobId, job)));
    const offProgress = api.on('uploads.progress', (update) => setProgress((current) => new Map(current).set(update.jobId, update)));
    return () => {
      offChanged();
      offProgress();
    };
  }, [api]);
  return { jobs: [...jobs.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), progress };
}

/**
 * Drop files or pick them; each is staged by main, shown with its checked type and size, and uploaded
 * for the chosen user with tags (and, for documents, a kind and dates). Jobs show their progress and can be paused, resumed or cancelled;
 * main writes the asset item when the object is complete, and sync brings it here. With `earlier` (the
 * Assets screen), files added before and never uploaded (a reload, a crash) are listed too, until main
 * discards them; a profile's panel shows only its own. After each upload the form is empty again (a
 * profile's panel keeps its person and default tags).
 */
export function UploadPanel({
  users,
  defaultUserId,
  defaultTags = [],
  earlier,
  documentSettings,
  uploadedBy,
}: {
  users: ReadonlyArray<{ value: string; label: string }>;
  defaultUserId?: string;
  defaultTags?: string[];
  earlier?: { timeZone: string };
  /** The school's document kinds: offers a kind and dates for the files (not for a profile image). */
  documentSettings?: DocumentSettings;
  /** The person working: named as the asset's last change and in its history. */
  uploadedBy?: string;
}) {
  const { api } = useServices();
  const { jobs, progress } = useUploadJobs();
  const [staged, setStaged] = useState<Staged[]>([]);
  const [userId, setUserId] = useState<string | null>(defaultUserId ?? null);
  const [tags, setTags] = useState<string[]>(defaultTags);
  const [documentInput, setDocumentInput] = useState<DocumentFieldsInput>(NO_DOCUMENT);
  const [documentErrors, setDocumentErrors] = useState<DocumentInputErrors>({});
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const picker = useRef<HTMLInputElement>(null);

  const listEarlier = earlier !== undefined;
  useEffect(() => {
    if (!listEarlier) return;
    api
      .invoke('uploads.staged', {})
      .then((result) => {
        if (!result.ok) return;
        setStaged((current) => {
          const shown = new Set(current.flatMap((item) => ('file' in item ? [item.file.stagingId] : [])));
          const before = result.value.files.filter((file) => !shown.has(file.stagingId)).map(({ stagedAt: _stagedAt, discardAt, ...file }) => ({ file, discardAt }));
          return [...before, ...current];
        });
      })
      .catch((failure: unknown) => showFailure(failure, 'Files staged earlier could not be listed'));
  }, [api, listEarlier]);

  const addFiles = async (files: readonly File[]) => {
    for (const file of files) {
      const result = await stageFile(api, file);
      setStaged((current) => [...current, result.ok ? { file: result.value } : { fileName: file.name, error: result.error.message }]);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    addFiles([...event.dataTransfer.files]).catch((error: unknown) => showFailure(error, 'Files not staged'));
  };
  const upload = async () => {
    if (!userId) return;
    const checked = documentSettings ? checkDocumentInput(documentSettings, documentInput) : ({ ok: true, fields: null } as const);
    if (!checked.ok) {
      setDocumentErrors(checked.errors);
      return;
    }
    setDocumentErrors({});
    setError(undefined);
    for (const item of staged) {
      if (!('file' in item)) continue;
      const result = await api.invoke('uploads.enqueue', { stagingId: item.file.stagingId, userId, tags, ...(checked.fields ? { document: checked.fields } : {}), ...(uploadedBy ? { uploadedBy } : {}) });
      if (!result.ok) setError(`${item.file.fileName}: ${result.error.message}`);
    }
    // The next files start from an empty form: never filed under the person or tags of the last ones.
    setStaged([]);
    setUserId(defaultUserId ?? null);
    setTags(defaultTags);
    setDocumentInput(NO_DOCUMENT);
  };
  const discard = async (item: Staged) => {
    if ('file' in item) await api.invoke('uploads.discard', { stagingId: item.file.stagingId });
    setStaged((current) => current.filter((other) => other !== item));
  };
  // Why "Upload" cannot be pressed yet, in the office's words (the button says nothing by itself).
  const blocker = !staged.some((item) => 'file' in item) ? 'No file can be uploaded: remove the refused ones and add others.' : !userId ? 'Choose the user the files are for.' : undefined;
  const control = handled((name: 'uploads.pause' | 'uploads.resume' | 'uploads.cancel', jobId: string) => api.invoke(name, { jobId }), 'Upload not changed');

  return (
    <Paper withBorder p="md" component="section" aria-label="Upload">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Upload
        </Title>
        <div
          role="button"
          tabIndex={0}
          aria-label="Drop files here, or press Enter to pick files"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          onClick={() => picker.current?.click()}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') picker.current?.click();
          }}
          style={{
            border: `2px dashed var(--mantine-color-${dragging ? 'indigo-6' : 'default-border'})`,
            borderRadius: 8,
            padding: 24,
            textAlign: 'center',
            cursor: 'pointer',
          }}
        >
          <Text size="sm">Drop images, documents or videos here, or click to pick files.</Text>
        </div>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label="Pick files"
          data-testid="file-picker"
          onChange={(event) => {
            addFiles([...(event.currentTarget.files ?? [])]).catch((error: unknown) => showFailure(error, 'Files not staged'));
          }}
        />
        {staged.length > 0 ? (
          <Stack gap="xs">
            {staged.map((item, index) => (
              <Group key={index} justify="space-between" wrap="nowrap">
                <Group gap="xs" wrap="nowrap">
                  {'file' in item && item.file.thumbnail ? <Image src={item.file.thumbnail} w={40} h={40} fit="cover" alt="" /> : null}
                  <Text size="sm">{'file' in item ? item.file.fileName : item.fileName}</Text>
                  {'file' in item ? (
                    <Text size="xs" c="dimmed">
                      {item.file.assetType} · {item.file.mimeType} · {formatSize(item.file.size)}
                      {item.discardAt && earlier ? ` · added earlier, removed ${formatInstant(item.discardAt, earlier.timeZone)} unless uploaded` : ''}
                    </Text>
                  ) : (
                    <Text size="xs" c="red">
                      {item.error}
                    </Text>
                  )}
                </Group>
                <Button size="compact-xs" variant="subtle" onClick={handled(() => discard(item), 'Not removed')}>
                  Remove
                </Button>
              </Group>
            ))}
            <Group align="flex-end">
              <Select label="For user" placeholder="Pick the person" data={users as Array<{ value: string; label: string }>} value={userId} onChange={setUserId} searchable limit={50} w={360} />
              <TagsInput label="Tags" value={tags} onChange={setTags} w={260} />
            </Group>
            {documentSettings ? <DocumentFieldsInputs settings={documentSettings} value={documentInput} onChange={setDocumentInput} errors={documentErrors} /> : null}
            <Group justify="flex-end">
              {blocker ? (
                <Text size="sm" c="dimmed" id="upload-blocked">
                  {blocker}
                </Text>
              ) : null}
              <Button onClick={handled(upload, 'Not uploaded')} disabled={blocker !== undefined} aria-describedby={blocker ? 'upload-blocked' : undefined}>
                Upload {staged.filter((item) => 'file' in item).length}
              </Button>
            </Group>
          </Stack>
        ) : null}
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        {jobs.length > 0 ? (
          <Stack gap={6} aria-label="Uploads in progress" role="list">
            {jobs.slice(0, 20).map((job) => {
              const live = progress.get(job.jobId);
              const sent = live?.bytesSent ?? job.bytesSent;
              const running = job.state === 'queued' || job.state === 'uploading' || job.state === 'objectComplete' || job.state === 'itemPending';
              return (
                <div key={job.jobId} role="listitem" data-testid="upload-job" data-state={job.state}>
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm" truncate>
                      {job.fileName}
                    </Text>
                    <Group gap={4} wrap="nowrap">
                      <Badge size="xs" color={job.state === 'done' ? 'teal' : job.state === 'failed' ? 'red' : 'blue'}>
                        {job.paused ? 'paused' : job.state}
                      </Badge>
                      {running ? (
                        <>
                          <Button size="compact-xs" variant="subtle" onClick={() => control(job.paused ? 'uploads.resume' : 'uploads.pause', job.jobId)}>
                            {job.paused ? 'Resume' : 'Pause'}
                          </Button>
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => control('uploads.cancel', job.jobId)}>
                            Cancel
                          </Button>
                        </>
                      ) : null}
                    </Group>
                  </Group>
                  <Progress value={job.size ? (100 * sent) / job.size : job.state === 'done' ? 100 : 0} size="sm" aria-label={`${job.fileName} progress`} />
                  {running ? (
                    <Text size="xs" c="dimmed" data-testid="upload-progress">
                      {uploadProgressText(sent, job.size, job.paused ? undefined : live?.bytesPerSecond, job.paused ? null : live?.etaSeconds)}
                    </Text>
                  ) : null}
                  {job.error || job.notice ? (
                    <Text size="xs" c={job.error ? 'red' : 'dimmed'}>
                      {job.error ?? job.notice}
                    </Text>
                  ) : null}
                </div>
              );
            })}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
