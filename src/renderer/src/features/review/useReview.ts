import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../../shared/api';
import type { JudgeInput, ReviewQueueInput } from '../../../../shared/api/judging';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';
import { writeSession } from '../library/useSessions';

/** The queue holds every waiting session up to this many; the list is virtualised, so thousands stay smooth. */
export const QUEUE_SIZE = 5000;

export type QueueFilters = Omit<ReviewQueueInput, 'offset' | 'limit'>;

export function useReviewQueue(filters: QueueFilters) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.reviewQueue(filters),
    queryFn: () => api.review.queue({ ...filters, offset: 0, limit: QUEUE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

export function useCalibration(rubricId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.calibration(rubricId ?? ''),
    queryFn: () => api.review.calibration({ rubricId: rubricId! }),
    enabled: rubricId !== null,
  });
}

export function useRubrics() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.rubrics, queryFn: () => api.rubrics.list() });
}

export function useJudgments(id: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.judgments(id), queryFn: () => api.judgments.forSession({ id }) });
}

export function useReviewContext(id: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.reviewContext(id), queryFn: () => api.review.context({ id }) });
}

export function useJudgeRun() {
  const api = useApi();
  return {
    estimate: useMutation({ mutationFn: (input: JudgeInput) => api.judge.estimate(input) }),
    start: useMutation({ mutationFn: (input: JudgeInput) => api.judge.start(input) }),
  };
}

export function useDecide() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<'review.decide'>) => api.review.decide(input),
    onSuccess: (session) => {
      writeSession(queryClient, session);
      void queryClient.invalidateQueries({ queryKey: queryKeys.reviewQueues });
    },
  });
}

export function useAgreement(rubricId: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.agreement(rubricId), queryFn: () => api.review.agreement({ rubricId }) });
}

/** A saved rating changes the agreement figures, so they are refetched. */
export function useRate() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<'review.rate'>) => api.review.rate(input),
    onSuccess: (_done, input) => queryClient.invalidateQueries({ queryKey: queryKeys.agreement(input.rubricId) }),
  });
}
