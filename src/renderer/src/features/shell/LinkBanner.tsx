import { Alert } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useConnection } from '../../api/ApiProvider';
import type { LinkState } from '../../api/connection';

/** Browser mode only: says so when live updates stop, and when they come back nothing needs doing. */
export function LinkBanner() {
  const connection = useConnection();
  const [state, setState] = useState<LinkState>(connection.linkState());
  useEffect(() => connection.onLinkState(setState), [connection]);
  if (state === 'reconnecting') {
    return (
      <Alert color="yellow" variant="light" radius={0} py="xs" role="status">
        Lost the live connection to the server; reconnecting…
      </Alert>
    );
  }
  if (state === 'lost') {
    return (
      <Alert color="red" variant="light" radius={0} py="xs" role="alert">
        The server is not answering. If you restarted `npm run serve`, open the new address it printed (the old one stops working).
      </Alert>
    );
  }
  return null;
}
