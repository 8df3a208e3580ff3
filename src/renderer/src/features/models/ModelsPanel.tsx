import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { href } from '../../lib/router';
import { QueryView } from '../../ui/QueryView';
import { useProviders } from '../providers/useProviders';
import { ModelRegistry } from './ModelRegistry';
import { RoleDefaults } from './RoleDefaults';

export function ModelsPanel() {
  const providers = useProviders();
  return (
    <QueryView query={providers} loading="Loading providers…">
      {(list) =>
        list.length === 0 ? (
          <Text c="dimmed">
            Models come from providers. <Anchor href={href('settings', 'providers')}>Add a provider</Anchor> first, then test its connection
            to list its models.
          </Text>
        ) : (
          <Stack gap="lg">
            <Paper component="section" aria-labelledby="defaults-title">
              <Title order={2} id="defaults-title" mb="xs">
                Default model per role
              </Title>
              <Text c="dimmed" mb="md">
                Used when a job does not name a model itself.
              </Text>
              <RoleDefaults providers={list} />
            </Paper>
            <Paper component="section" aria-labelledby="registry-title">
              <Title order={2} id="registry-title" mb="md">
                Model registry
              </Title>
              <ModelRegistry providers={list} />
            </Paper>
          </Stack>
        )
      }
    </QueryView>
  );
}
