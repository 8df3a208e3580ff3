import type { ReactNode } from 'react';
import { ConfirmModal } from './ConfirmModal';

/** The part of a cancel mutation the dialog drives (a react-query mutation taking the run's id). */
interface CancelMutation {
  mutate(runId: string, options: { onSuccess: () => void }): void;
  reset(): void;
  isPending: boolean;
  error: unknown;
}

/** Asks before cancelling a run; closes once the cancel went through, and forgets a failed try when closed. */
export function CancelRunModal({
  opened,
  onClose,
  title,
  runId,
  cancel,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  runId: string;
  cancel: CancelMutation;
  children: ReactNode;
}) {
  return (
    <ConfirmModal
      opened={opened}
      title={title}
      confirmLabel="Cancel the run"
      onClose={() => {
        onClose();
        cancel.reset();
      }}
      onConfirm={() => cancel.mutate(runId, { onSuccess: onClose })}
      busy={cancel.isPending}
      error={cancel.error}
    >
      {children}
    </ConfirmModal>
  );
}
