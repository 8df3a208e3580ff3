import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

interface JobsPanelState {
  opened: boolean;
  open: () => void;
  close: () => void;
}

const JobsPanelContext = createContext<JobsPanelState | null>(null);

/** Whether the jobs drawer is open, so any screen that starts a job can show it. */
export function JobsPanelProvider({ children }: { children: ReactNode }) {
  const [opened, setOpened] = useState(false);
  const value = useMemo(() => ({ opened, open: () => setOpened(true), close: () => setOpened(false) }), [opened]);
  return <JobsPanelContext.Provider value={value}>{children}</JobsPanelContext.Provider>;
}

export function useJobsPanel(): JobsPanelState {
  const value = useContext(JobsPanelContext);
  if (!value) throw new Error('useJobsPanel must be used inside <JobsPanelProvider>');
  return value;
}
