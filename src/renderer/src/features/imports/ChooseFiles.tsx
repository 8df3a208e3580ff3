import { ActionIcon, Alert, Badge, Button, Group, Paper, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { IconFile, IconFolderOpen, IconFolderUp, IconUpload, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { errorMessage } from '../../lib/errors';
import { formatBytes, plural } from '../../lib/format';
import { useAppInfo } from '../projects/useProjects';
import { useImportWizard, type ChosenFile } from './importWizard';
import classes from './import.module.css';
import { dialogExtensions, fromDrop, fromInput } from './readFile';

/** Step 1: the files to import, dropped or picked, a folder at a time if wanted. */
export function ChooseFiles() {
  const { state, dispatch, addLocalFiles, addPaths } = useImportWizard();
  const info = useAppInfo();
  const api = useApi();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);

  const pickOnDisk = async () => {
    setPicking(true);
    setPickError(null);
    try {
      const { file } = await api.desktop.chooseFile({ mode: 'open', title: 'Choose a transcript to import', extensions: dialogExtensions });
      if (file) addPaths([file]);
    } catch (err) {
      setPickError(errorMessage(err));
    } finally {
      setPicking(false);
    }
  };

  return (
    <Stack gap="md">
      <Paper
        className={classes.dropZone}
        data-dragging={dragging || undefined}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void fromDrop(e.dataTransfer).then(({ files, skipped }) => addLocalFiles(files, skipped));
        }}
      >
        <Stack align="center" gap="sm" py="lg">
          <IconUpload size={36} stroke={1.5} aria-hidden color="var(--mantine-color-sea-7)" />
          <Text fw={600} size="lg">
            Drop transcript files or a whole folder here
          </Text>
          <Text size="sm" c="dimmed" ta="center" maw={620}>
            Plain text with speaker labels, WebVTT or SRT captions, transcription JSON, CSV (one row per utterance), dialogue JSON such as
            ESConv, chat JSONL and Word files. Nothing is imported until you have checked the preview.
          </Text>
          <Group gap="sm" mt="xs">
            <Button leftSection={<IconFile size={18} aria-hidden />} onClick={() => filesInput.current?.click()}>
              Choose files…
            </Button>
            <Button variant="default" leftSection={<IconFolderOpen size={18} aria-hidden />} onClick={() => folderInput.current?.click()}>
              Choose a folder…
            </Button>
            {info.data?.desktop && (
              <Tooltip label="Reads the file where it is, without copying it first. One file at a time: choose again to add more.">
                <Button
                  variant="default"
                  leftSection={<IconFolderUp size={18} aria-hidden />}
                  onClick={() => void pickOnDisk()}
                  loading={picking}
                >
                  Pick a file on disk…
                </Button>
              </Tooltip>
            )}
          </Group>
          <input
            ref={filesInput}
            type="file"
            multiple
            hidden
            aria-label="Transcript files"
            onChange={(e) => {
              const { files, skipped } = fromInput(e.currentTarget.files, false);
              addLocalFiles(files, skipped);
              e.currentTarget.value = '';
            }}
          />
          <input
            ref={folderInput}
            type="file"
            multiple
            hidden
            aria-label="Transcript folder"
            {...{ webkitdirectory: '', directory: '' }}
            onChange={(e) => {
              const { files, skipped } = fromInput(e.currentTarget.files, true);
              addLocalFiles(files, skipped);
              e.currentTarget.value = '';
            }}
          />
        </Stack>
      </Paper>
      {pickError && (
        <Alert color="red" variant="light" role="alert">
          {pickError}
        </Alert>
      )}
      {state.skipped.length > 0 && (
        <Text size="sm" c="dimmed">
          Left out {plural(state.skipped.length, 'file')} that {state.skipped.length === 1 ? 'is' : 'are'} not transcripts:{' '}
          {state.skipped.slice(0, 6).join(', ')}
          {state.skipped.length > 6 ? ', …' : ''}
        </Text>
      )}
      {state.files.length > 0 && (
        <Stack gap={6} component="ul" aria-label="Chosen files" p={0} m={0} style={{ listStyle: 'none' }}>
          {state.files.map((f) => (
            <FileRow key={f.id} file={f} onRemove={() => dispatch({ type: 'removeFile', id: f.id })} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function FileRow({ file, onRemove }: { file: ChosenFile; onRemove(): void }) {
  const busy = file.status === 'reading' || file.status === 'sending';
  return (
    <Paper component="li" p="xs" px="sm" aria-label={file.shownPath}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
          <IconFile size={18} aria-hidden style={{ flexShrink: 0 }} />
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} truncate="end">
              {file.shownPath}
            </Text>
            {file.size !== null && (
              <Text size="xs" c="dimmed">
                {formatBytes(file.size)}
              </Text>
            )}
          </Stack>
        </Group>
        <Group gap="sm" wrap="nowrap">
          {busy && (
            <Stack gap={2} w={180}>
              <Progress
                value={file.status === 'sending' ? 100 : Math.round(file.progress * 100)}
                striped={file.status === 'sending'}
                animated={file.status === 'sending'}
                aria-label={`Upload of ${file.name}`}
                size="sm"
              />
              <Text size="xs" c="dimmed">
                {file.status === 'sending' ? 'Sending to the app…' : `Reading ${Math.round(file.progress * 100)}%`}
              </Text>
            </Stack>
          )}
          {file.status === 'ready' && <Badge color="green">Ready</Badge>}
          {file.status === 'failed' && (
            <Text size="sm" c="red.8" maw={320} lineClamp={2} title={file.error ?? undefined}>
              {file.error}
            </Text>
          )}
          <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${file.shownPath}`} onClick={onRemove} disabled={busy}>
            <IconX size={16} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
    </Paper>
  );
}
