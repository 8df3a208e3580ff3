import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient, useConnection } from './ApiProvider';
import { connectLiveUpdates } from './liveUpdates';

/** Keeps the query cache in step with the backend's events while the app is mounted (see connectLiveUpdates). */
export function useLiveUpdates(): void {
  const client = useClient();
  const connection = useConnection();
  const queryClient = useQueryClient();
  useEffect(() => connectLiveUpdates(client, connection, queryClient), [client, connection, queryClient]);
}
