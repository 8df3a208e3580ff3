import { useMutation } from '@tanstack/react-query';
import type { SpeedTestParams } from '../../../../shared/api';
import { useApi } from '../../api/ApiProvider';

export function useStartSpeedTest() {
  const api = useApi();
  return useMutation({ mutationFn: (input: SpeedTestParams) => api.providers.startSpeedTest(input) });
}
