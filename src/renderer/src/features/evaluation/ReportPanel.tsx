import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconFileExport, IconFolder } from '@tabler/icons-react';
import type { EvalRunView } from '../../../../shared/api/evaluation';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { DownloadButton } from '../shell/DownloadButton';
import { useAppInfo, useRevealInFolder } from '../projects/useProjects';
import { useEvalRunActions } from './useEvaluation';

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Writes the report: a self-contained HTML page (tables and charts), a CSV of every score and a JSON manifest of how the run was made. */
export function ReportPanel({ run }: { run: EvalRunView }) {
  const { report } = useEvalRunActions();
  const info = useAppInfo();
  const reveal = useRevealInFolder();
  const files = report.data;
  return (
    <Stack gap="md">
      <Text size="sm" maw={760}>
        The HTML report opens in any browser without a connection: the write-up&apos;s table, the comparisons, the safety gate and the
        charts. The CSV has every score of every conversation; the manifest records the models, prompts, scenario set hash and settings, so
        the run can be cited and repeated.
      </Text>
      <Group>
        <Button leftSection={<IconFileExport size={18} aria-hidden />} loading={report.isPending} onClick={() => report.mutate(run.id)}>
          Export report
        </Button>
      </Group>
      {report.error && <ErrorAlert title="Could not write the report" error={report.error} />}
      {files && (
        <Alert color="green" variant="light" title="Report written" role="status" aria-label="Report written">
          <Stack gap={6}>
            <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {files.folder}
            </Text>
            <List size="sm" aria-label="Report files">
              <List.Item>
                <Text span ff="monospace" size="sm">
                  {fileName(files.html)}
                </Text>{' '}
                · the report, to open in a browser
              </List.Item>
              <List.Item>
                <Text span ff="monospace" size="sm">
                  {fileName(files.csv)}
                </Text>{' '}
                · every score of every conversation
              </List.Item>
              <List.Item>
                <Text span ff="monospace" size="sm">
                  {fileName(files.manifest)}
                </Text>{' '}
                · how the run was made
              </List.Item>
            </List>
            <Group gap="xs">
              <DownloadButton path={files.html} label="Download the report" />
              <DownloadButton path={files.folder} label="Download all three (zip)" />
            </Group>
            {info.data?.desktop && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconFolder size={16} aria-hidden />}
                onClick={() => reveal.mutate(files.html)}
                style={{ alignSelf: 'flex-start' }}
              >
                Show in folder
              </Button>
            )}
            {reveal.error && <ErrorAlert error={reveal.error} />}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
