import { Alert, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ProviderTestResult } from '../../../../shared/api';
import { formatMs } from '../../lib/format';

/** What "Test connection" found: the message, how long it took, and the models, searchable. */
export function TestResult({ result, providerName }: { result: ProviderTestResult; providerName: string }) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const models = needle ? result.models.filter((m) => m.toLowerCase().includes(needle)) : result.models;
  return (
    <Alert color={result.ok ? 'sea' : 'red'} variant="light" title={result.message} role="status">
      <Stack gap="sm">
        <Text size="sm">Answered in {formatMs(result.latencyMs)}.</Text>
        {result.models.length > 0 && (
          <>
            <TextInput
              label="Search models"
              size="xs"
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              placeholder="Type part of a model name"
              maw={320}
            />
            <ScrollArea.Autosize mah={180} type="auto">
              <Stack gap={2} component="ul" aria-label={`Models at ${providerName}`} p={0} m={0} style={{ listStyle: 'none' }}>
                {models.map((m) => (
                  <Text key={m} component="li" size="sm" ff="monospace">
                    {m}
                  </Text>
                ))}
                {models.length === 0 && (
                  <Text component="li" size="sm" c="dimmed">
                    No model matches “{search}”.
                  </Text>
                )}
              </Stack>
            </ScrollArea.Autosize>
          </>
        )}
      </Stack>
    </Alert>
  );
}
