import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { ProviderView } from '../../../../shared/domain/provider';
import { fieldErrors } from '../../lib/errors';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/QueryView';
import { useKeyStorage, useSetKey } from './useProviders';

export function SetKeyModal({ provider, onClose }: { provider: ProviderView | null; onClose: () => void }) {
  return (
    <Modal opened={provider !== null} onClose={onClose} title={provider ? `API key for ${provider.name}` : 'API key'} size="lg">
      {provider && <SetKeyForm provider={provider} onDone={onClose} />}
    </Modal>
  );
}

/**
 * The key goes to the backend and never comes back: afterwards the app only knows its last four
 * characters. Where this computer has no secure store, the person decides whether it is written down.
 */
function SetKeyForm({ provider, onDone }: { provider: ProviderView; onDone: () => void }) {
  const storage = useKeyStorage();
  const setKey = useSetKey();
  const [key, setKeyText] = useState('');
  const [remember, setRemember] = useState(false);
  const errors = fieldErrors(setKey.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setKey.mutate(
      { id: provider.id, key: key.trim(), ...(storage.data?.secure === false ? { persist: remember } : {}) },
      {
        onSuccess: () => {
          setKeyText('');
          onDone();
        },
      },
    );
  };

  if (storage.isPending) return <Loading label="Checking how keys are stored on this computer…" />;
  if (storage.isError) return <ErrorAlert error={storage.error} onRetry={() => void storage.refetch()} />;
  const secure = storage.data.secure;
  return (
    <form onSubmit={submit} aria-label={`Set the API key for ${provider.name}`}>
      <Stack gap="md">
        <PasswordInput
          label="API key"
          value={key}
          onChange={(e) => setKeyText(e.currentTarget.value)}
          error={errors.key}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          required
        />
        {secure ? (
          <Text size="sm" c="dimmed">
            <IconLock size={14} aria-hidden style={{ verticalAlign: '-2px' }} /> The key is encrypted with this computer's secure store. It
            is never shown again.
          </Text>
        ) : (
          <>
            {storage.data.warning && (
              <Alert color="yellow" variant="light" title="This computer has no secure key store">
                {storage.data.warning}
              </Alert>
            )}
            <Checkbox
              label="Remember this key on this computer"
              checked={remember}
              onChange={(e) => setRemember(e.currentTarget.checked)}
            />
            <Text size="sm" c="dimmed">
              {remember
                ? 'The key will be written to the key file and used next time too.'
                : 'The key is kept for this session only and forgotten when the app stops.'}{' '}
              It is never shown again.
            </Text>
          </>
        )}
        {setKey.isError && !errors.key && <ErrorAlert title="Could not set the key" error={setKey.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={setKey.isPending} disabled={!key.trim()}>
            Save key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
