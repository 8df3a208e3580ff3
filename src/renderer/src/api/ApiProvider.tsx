import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api';
import { createTypedClient, type TypedClient } from '../../../shared/api/client';
import type { Connection } from './connection';

interface ApiContextValue {
  client: TypedClient;
  connection: Connection;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  const value = useMemo(() => ({ client: createTypedClient(connection.transport), connection }), [connection]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi must be used inside <ApiProvider>');
  return value;
}

/** `api.domain.verb(input)`, typed from the contract. */
export function useApi(): ApiClient {
  return useApiContext().client.api;
}

export function useClient(): TypedClient {
  return useApiContext().client;
}

export function useConnection(): Connection {
  return useApiContext().connection;
}
