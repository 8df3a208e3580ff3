import { JobCard } from './JobCard';
import { useJob } from './useJobs';

/** The job a step started, with the same progress card as the jobs panel. */
export function FollowJob({ jobId }: { jobId: string | null }) {
  const job = useJob(jobId);
  if (!job) return null;
  return <JobCard job={job} />;
}
