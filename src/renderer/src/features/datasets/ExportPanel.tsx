import { Alert, Button, Group, List, Radio, Stack, Text, TextInput } from '@mantine/core';
import { IconFolder } from '@tabler/icons-react';
import { useState } from 'react';
import type { DatasetVersionView, ExportFormatId } from '../../../../shared/api/datasets';
import { formatBytes, formatCount } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FollowJob } from '../jobs/FollowJob';
import { DownloadButton } from '../shell/DownloadButton';
import { useJobs } from '../jobs/useJobs';
import { useAppInfo, useRevealInFolder } from '../projects/useProjects';
import { useDatasetActions, useExportFormats } from './useDatasets';

type Written = {
  target?: string;
  files?: { path: string; bytes: number; count: number }[];
  withheldForDetails?: { count: number; reason: string };
};

/** Writes a frozen version to disk in one of the formats, as a job with progress. */
export function ExportPanel({ version }: { version: DatasetVersionView }) {
  const formats = useExportFormats();
  const info = useAppInfo();
  const jobs = useJobs();
  const reveal = useRevealInFolder();
  const { exportVersion } = useDatasetActions();
  const [format, setFormat] = useState<ExportFormatId>('openai-jsonl');
  const [folder, setFolder] = useState('');
  const [baseModel, setBaseModel] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = jobs.data?.find((j) => j.id === jobId);
  const written = (job?.status === 'succeeded' ? job.result : null) as Written | null;
  const defaultFolder = info.data ? `${info.data.dataDir}/exports` : 'the app’s exports folder';
  return (
    <Stack gap="md">
      <Radio.Group label="Format" value={format} onChange={(v) => setFormat(v as ExportFormatId)}>
        <Stack gap="xs" mt={6}>
          {(formats.data ?? []).map((f) => (
            <Radio key={f.id} value={f.id} label={f.label} description={f.description} />
          ))}
        </Stack>
      </Radio.Group>
      {format === 'bundle' && (
        <TextInput
          label="Base model for the bundle"
          description="A Hugging Face model id; empty uses unsloth/Llama-3.2-3B-Instruct"
          placeholder="unsloth/Llama-3.2-3B-Instruct"
          value={baseModel}
          onChange={(e) => setBaseModel(e.currentTarget.value)}
          maw={480}
        />
      )}
      <TextInput
        label="Folder"
        description={`A full path to an existing folder. Empty: ${defaultFolder}. An earlier export is never overwritten.`}
        placeholder={defaultFolder}
        leftSection={<IconFolder size={16} aria-hidden />}
        value={folder}
        onChange={(e) => setFolder(e.currentTarget.value)}
        maw={640}
      />
      <Group>
        <Button
          loading={exportVersion.isPending}
          onClick={() =>
            exportVersion.mutate(
              {
                versionId: version.id,
                format,
                ...(folder.trim() ? { outDir: folder.trim() } : {}),
                ...(format === 'bundle' && baseModel.trim() ? { baseModel: baseModel.trim() } : {}),
              },
              { onSuccess: (j) => setJobId(j.id) },
            )
          }
        >
          Export {formatCount(version.examples)} examples
        </Button>
      </Group>
      {exportVersion.error && <ErrorAlert error={exportVersion.error} />}
      <FollowJob jobId={jobId} />
      {written?.files && (
        <Alert color="green" variant="light" title="Written" role="status">
          <Stack gap={4}>
            <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {written.target}
            </Text>
            {written.withheldForDetails && (
              <Text size="sm" c="orange.8">
                {formatCount(written.withheldForDetails.count)} session{written.withheldForDetails.count === 1 ? ' was' : 's were'} left
                out: {written.withheldForDetails.reason} (detected after the version was frozen). Review them under Personal details.
              </Text>
            )}
            <List size="sm">
              {written.files.map((f) => (
                <List.Item key={f.path}>
                  {f.path.slice((written.target ?? '').length + 1) || f.path.split(/[\\/]/).pop()} · {formatBytes(f.bytes)}
                  {f.count ? ` · ${formatCount(f.count)} ${f.path.endsWith('.csv') ? 'rows' : 'examples'}` : ''}
                </List.Item>
              ))}
            </List>
            {written.target && <DownloadButton path={written.target} label={written.files.length > 1 ? 'Download (zip)' : 'Download'} />}
            {info.data?.desktop && written.target && (
              <Button size="xs" variant="default" onClick={() => reveal.mutate(written.target!)} style={{ alignSelf: 'flex-start' }}>
                Show in folder
              </Button>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
