import { Alert, Button, Checkbox, DataList, Group, SimpleGrid, Stack, Text, TextInput, Title, Paper } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ProjectInfo } from '../../../../shared/domain/project';
import { formatBytes, formatCount, formatDateTime, plural } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { QueryView } from '../../ui/QueryView';
import { PathInput } from './PathInput';
import { CreateProjectForm, OpenProjectForm } from './ProjectForms';
import { RecentProjects } from './RecentProjects';
import { useAppInfo, useCloseProject, useProjectDetails, useRenameProject, useRevealInFolder, useSaveCopy } from './useProjects';

export function ProjectScreen() {
  const details = useProjectDetails();
  const close = useCloseProject();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Project"
        description="A project is one file that holds your sessions, providers, jobs and call ledger. Copy it to back it up or to share it."
        actions={
          <Button variant="default" onClick={() => close.mutate()} loading={close.isPending}>
            Close project
          </Button>
        }
      />
      {close.isError && <ErrorAlert error={close.error} />}
      <QueryView query={details} loading="Loading the project…">
        {(info) => (info ? <ProjectDetails info={info} /> : <Text c="dimmed">No project is open.</Text>)}
      </QueryView>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper component="section" aria-labelledby="new-project-title">
          <Title order={2} id="new-project-title" mb="md">
            New project
          </Title>
          <CreateProjectForm />
        </Paper>
        <Paper component="section" aria-labelledby="open-project-title">
          <Title order={2} id="open-project-title" mb="md">
            Open a project
          </Title>
          <OpenProjectForm />
        </Paper>
      </SimpleGrid>
      <Paper component="section" aria-labelledby="recent-title">
        <Title order={2} id="recent-title" mb="md">
          Recent projects
        </Title>
        <RecentProjects />
      </Paper>
    </Stack>
  );
}

function ProjectDetails({ info }: { info: ProjectInfo }) {
  return (
    <Stack gap="lg">
      {info.isSample && (
        <Alert color="sea" variant="light" icon={<IconFlask aria-hidden />} title="This is the sample project">
          Its four sessions were written for the sample and are fictional. Explore freely; create a new project for your own work.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <Paper component="section" aria-labelledby="this-project-title">
          <Title order={2} id="this-project-title" mb="md">
            {info.name}
          </Title>
          <DataList labelWidth={150} gap="sm">
            <Fact label="File">
              <Text style={{ wordBreak: 'break-all' }}>{info.file}</Text>
            </Fact>
            <Fact label="Size">{formatBytes(info.sizeBytes)}</Fact>
            <Fact label="Format version">{info.schemaVersion}</Fact>
            <Fact label="Created">{formatDateTime(info.createdAt)}</Fact>
            <Fact label="Sessions">{formatCount(info.counts.sessions)}</Fact>
            <Fact label="Providers">
              {formatCount(info.counts.providers)} ({plural(info.counts.models, 'model')})
            </Fact>
            <Fact label="Jobs">{formatCount(info.counts.jobs)}</Fact>
            <Fact label="Calls">{formatCount(info.counts.calls)}</Fact>
          </DataList>
          <RevealButton file={info.file} />
        </Paper>
        <Stack gap="lg">
          <Paper component="section" aria-labelledby="rename-title">
            <Title order={2} id="rename-title" mb="md">
              Rename
            </Title>
            <RenameForm key={info.name} current={info.name} />
          </Paper>
          <Paper component="section" aria-labelledby="copy-title">
            <Title order={2} id="copy-title" mb="md">
              Save a copy as…
            </Title>
            <SaveCopyForm suggestion={info.file.replace(/(\.hds)?$/, '-copy.hds')} />
          </Paper>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function RevealButton({ file }: { file: string }) {
  const info = useAppInfo();
  const reveal = useRevealInFolder();
  if (!info.data?.desktop) return null;
  return (
    <Stack gap="xs" mt="md">
      <Button variant="default" onClick={() => reveal.mutate(file)} style={{ alignSelf: 'flex-start' }}>
        Show in folder
      </Button>
      {reveal.isError && <ErrorAlert error={reveal.error} />}
    </Stack>
  );
}

function RenameForm({ current }: { current: string }) {
  const rename = useRenameProject();
  const [name, setName] = useState(current);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate(name.trim());
  };
  return (
    <form onSubmit={submit} aria-label="Rename the project">
      <Stack gap="sm">
        <TextInput label="Project name" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        {rename.isError && <ErrorAlert error={rename.error} />}
        <Button
          type="submit"
          variant="light"
          disabled={!name.trim() || name.trim() === current}
          loading={rename.isPending}
          style={{ alignSelf: 'flex-start' }}
        >
          Rename
        </Button>
      </Stack>
    </form>
  );
}

function SaveCopyForm({ suggestion }: { suggestion: string }) {
  const save = useSaveCopy();
  const [file, setFile] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ file: file.trim(), overwrite });
  };
  return (
    <form onSubmit={submit} aria-label="Save a copy of the project">
      <Stack gap="sm">
        <PathInput
          label="Copy to"
          placeholder={suggestion}
          description="A consistent copy, even while jobs are running. This project stays open."
          value={file}
          onChange={setFile}
          mode="save"
          required
        />
        <Checkbox
          label="Replace the file if it already exists"
          checked={overwrite}
          onChange={(e) => setOverwrite(e.currentTarget.checked)}
        />
        {save.isError && <ErrorAlert title="Could not save the copy" error={save.error} />}
        {save.isSuccess && (
          <Alert color="green" variant="light" role="status">
            Saved a copy to {save.data.file} ({formatBytes(save.data.sizeBytes)}).
          </Alert>
        )}
        <Group>
          <Button type="submit" variant="light" disabled={!file.trim()} loading={save.isPending}>
            Save copy
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
