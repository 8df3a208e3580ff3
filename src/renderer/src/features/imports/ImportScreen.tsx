import { Alert, Button, Group, Stack, Stepper, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconArrowRight, IconFileImport } from '@tabler/icons-react';
import { useMemo } from 'react';
import { withoutFileName } from '../../../../shared/domain/importing';
import { errorMessage } from '../../lib/errors';
import { plural } from '../../lib/format';
import { notTranscriptsSkipped } from './skippedFiles';
import { PageHeader } from '../../ui/PageHeader';
import { ChooseFiles } from './ChooseFiles';
import { useImportWizard, type ChosenFile, type WizardStep } from './importWizard';
import { OptionsStep } from './OptionsStep';
import { PreviewStep } from './PreviewStep';
import { RunStep, shownName } from './RunStep';
import { fileGroups, usePreviews, useStartImport } from './useImport';

const CLEANING_DEBOUNCE_MS = 400;

/** Import: choose files → check the preview and speakers → cleaning and privacy → import and report. */
export function ImportScreen() {
  const { state, dispatch } = useImportWizard();
  const [cleaning] = useDebouncedValue(state.cleaning, CLEANING_DEBOUNCE_MS);
  const groups = useMemo(() => fileGroups(state, cleaning), [state, cleaning]);
  const previewing = state.step === 1 || state.step === 2 || (state.step === 3 && state.jobs.length === 0);
  const previews = usePreviews(previewing ? groups : []);
  const start = useStartImport();

  const ready = state.files.filter((f) => f.status === 'ready');
  const busy = state.files.some((f) => f.status === 'reading' || f.status === 'sending');
  const started = state.jobs.length > 0;
  const importable = ready.filter((f) => {
    const p = f.path ? previews.byPath.get(f.path) : undefined;
    return p && !p.error && p.transcriptCount > 0;
  });
  const transcripts = importable.reduce((n, f) => n + (previews.byPath.get(f.path ?? '')?.transcriptCount ?? 0), 0);
  // A README or notes found in a chosen folder is one of the folder's other files: skipped, not a failed file.
  const notTranscript = (f: ChosenFile) => f.inFolder && previews.byPath.get(f.path ?? '')?.notTranscript === true;
  const skipping = ready.filter(notTranscript).length;
  const failing = ready.length - importable.length - skipping;
  const leftOutNote = [
    failing > 0 && `${plural(failing, 'file')} will not be imported`,
    skipping > 0 && notTranscriptsSkipped(skipping),
  ].filter(Boolean);

  const go = (step: WizardStep) => dispatch({ type: 'step', step });
  const startImport = () => {
    const paths = new Set(importable.map((f) => f.path ?? ''));
    const leftOut = ready
      .filter((f) => !paths.has(f.path ?? ''))
      .map((f) => {
        const p = previews.byPath.get(f.path ?? '');
        return {
          name: f.shownPath || shownName(f.path ?? f.name),
          reason: p?.error ? withoutFileName(f.name, p.error) : 'There are no transcripts in it to import.',
          notTranscript: notTranscript(f),
        };
      });
    start.mutate(
      {
        groups: fileGroups(state, state.cleaning, paths),
        redaction: state.redaction,
        redactionMode: state.redactionMode,
        tags: state.tags,
      },
      {
        onSuccess: (jobs) => dispatch({ type: 'started', jobs, leftOut }),
        onError: (err) => dispatch({ type: 'startError', message: errorMessage(err) }),
      },
    );
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title="Import"
        description="Bring real counseling transcripts into the library, cleaned into client and counselor turns."
      />
      <Stepper
        active={state.step}
        onStepClick={(s) => !started && s < state.step && go(s as WizardStep)}
        allowNextStepsSelect={false}
        size="sm"
      >
        <Stepper.Step label="Choose files" description={state.files.length ? plural(state.files.length, 'file') : 'Drop or pick'}>
          <ChooseFiles />
        </Stepper.Step>
        <Stepper.Step label="Check speakers" description="Preview and roles">
          <PreviewStep previews={previews} />
        </Stepper.Step>
        <Stepper.Step label="Cleaning and privacy" description="Options and tags">
          <OptionsStep previews={previews} />
        </Stepper.Step>
        <Stepper.Step label="Import" description={started ? 'Report' : 'Start'}>
          {started ? (
            <RunStep />
          ) : (
            <Stack gap="sm">
              <Text>
                Ready to import {plural(transcripts, 'transcript')} from {plural(importable.length, 'file')}
                {leftOutNote.length ? ` (${leftOutNote.join('; ')})` : ''}. Personal details:{' '}
                {state.redaction === 'off' ? 'not looked for' : state.redaction === 'review' ? 'detected for review' : 'replaced at once'}
                {state.tags.length ? `; tagged ${state.tags.join(', ')}` : ''}.
              </Text>
              {state.startError && (
                <Alert color="red" variant="light" role="alert" title="The import did not start">
                  {state.startError}
                </Alert>
              )}
            </Stack>
          )}
        </Stepper.Step>
      </Stepper>
      {!started && (
        <Group justify="space-between">
          {state.step > 0 ? (
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={18} aria-hidden />}
              onClick={() => go((state.step - 1) as WizardStep)}
            >
              Back
            </Button>
          ) : (
            <span />
          )}
          {state.step === 0 && (
            <Button rightSection={<IconArrowRight size={18} aria-hidden />} disabled={ready.length === 0 || busy} onClick={() => go(1)}>
              {busy ? 'Reading files…' : ready.length ? `Preview ${plural(ready.length, 'file')}` : 'Preview'}
            </Button>
          )}
          {state.step === 1 && (
            <Button rightSection={<IconArrowRight size={18} aria-hidden />} disabled={importable.length === 0} onClick={() => go(2)}>
              Next: cleaning and privacy
            </Button>
          )}
          {state.step === 2 && (
            <Button rightSection={<IconArrowRight size={18} aria-hidden />} disabled={importable.length === 0} onClick={() => go(3)}>
              Next: import
            </Button>
          )}
          {state.step === 3 && (
            <Button
              leftSection={<IconFileImport size={18} aria-hidden />}
              disabled={importable.length === 0 || previews.refreshing}
              loading={start.isPending}
              onClick={startImport}
            >
              Import {plural(transcripts, 'transcript')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
