import { Button, Stack } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useConnection } from '../../api/ApiProvider';
import { ErrorAlert } from '../../ui/ErrorAlert';

/**
 * Browser mode: the app writes files on the server's disk, which the person at the browser may not
 * reach; this fetches one (a folder as a zip) through the page. Nothing is shown in the desktop app.
 */
export function DownloadButton({ path, label }: { path: string; label: string }) {
  const connection = useConnection();
  const download = useMutation({ mutationFn: (p: string) => connection.download!(p) });
  if (!connection.download) return null;
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="xs"
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
        loading={download.isPending}
        onClick={() => download.mutate(path)}
      >
        {label}
      </Button>
      {download.error && <ErrorAlert title="Could not download" error={download.error} />}
    </Stack>
  );
}
