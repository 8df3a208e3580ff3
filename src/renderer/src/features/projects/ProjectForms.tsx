import { Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../lib/errors';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PathInput } from './PathInput';
import { useCreateProject, useOpenProject } from './useProjects';

export function CreateProjectForm({ onDone }: { onDone?: () => void }) {
  const create = useCreateProject();
  const [name, setName] = useState('');
  const [file, setFile] = useState('');
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name: name.trim(), ...(file.trim() ? { file: file.trim() } : {}) }, { onSuccess: () => onDone?.() });
  };
  return (
    <form onSubmit={submit} aria-label="Create a project">
      <Stack gap="md">
        <TextInput
          label="Project name"
          placeholder="e.g. Exam-anxiety sessions, spring study"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          required
        />
        <PathInput
          label="Project file (optional)"
          description="Leave empty to keep it in the app's projects folder."
          value={file}
          onChange={setFile}
          mode="save"
          error={errors.file}
        />
        {create.isError && !errors.name && !errors.file && <ErrorAlert title="Could not create the project" error={create.error} />}
        <Button type="submit" loading={create.isPending} disabled={!name.trim()} style={{ alignSelf: 'flex-start' }}>
          Create project
        </Button>
      </Stack>
    </form>
  );
}

export function OpenProjectForm({ onDone }: { onDone?: () => void }) {
  const open = useOpenProject();
  const [file, setFile] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate(file.trim(), { onSuccess: () => onDone?.() });
  };
  return (
    <form onSubmit={submit} aria-label="Open a project">
      <Stack gap="md">
        <PathInput label="Project file" description="A .hds file made by this app." value={file} onChange={setFile} mode="open" required />
        {open.isError && <ErrorAlert title="Could not open that file" error={open.error} />}
        <Button type="submit" variant="light" loading={open.isPending} disabled={!file.trim()} style={{ alignSelf: 'flex-start' }}>
          Open project
        </Button>
      </Stack>
    </form>
  );
}
