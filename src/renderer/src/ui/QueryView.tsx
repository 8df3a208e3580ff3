import { Center, Group, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';

export function Loading({ label }: { label: string }) {
  return (
    <Center py="xl">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed" role="status">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

/** Loading, error (with a retry) and data states of one query, so every screen has all three. */
export function QueryView<T>({
  query,
  loading,
  children,
}: {
  query: UseQueryResult<T>;
  loading: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading label={loading} />;
  if (query.isError) return <ErrorAlert title="Could not load this" error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
