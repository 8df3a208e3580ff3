import type { JobSummary } from '../../../../shared/domain/job';
import { JobCard } from './JobCard';
import { useJobs } from './useJobs';

/** The job a step started, with the same progress card as the jobs panel. */
export function FollowJob({ jobId }: { jobId: string | null }) {
  const jobs = useJobs();
  const job: JobSummary | undefined = jobs.data?.find((j) => j.id === jobId);
  if (!jobId || !job) return null;
  return <JobCard job={job} />;
}
