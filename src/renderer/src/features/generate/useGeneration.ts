import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PersonaGenerationInput, ScenarioGenerationInput, SessionGenerationInput } from '../../../../shared/api/generation';
import type { DomainPack } from '../../../../shared/domain/domainPack';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

export const LIST_SIZE = 100;

export function useDomainPack() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.domainPack, queryFn: () => api.domain.pack() });
}

/**
 * Saving or resetting the pack changes what every step offers (distortions, styles, the coverage grid)
 * and the prompts the pack carries. The backend announces it as a project change, so the pack and the
 * prompts are refreshed here.
 */
export function usePackEdit() {
  const api = useApi();
  const client = useQueryClient();
  const saved = (pack: DomainPack) => {
    client.setQueryData(queryKeys.domainPack, pack);
    void client.invalidateQueries({ queryKey: queryKeys.domainPack });
    void client.invalidateQueries({ queryKey: queryKeys.prompts });
  };
  return {
    save: useMutation({ mutationFn: (pack: DomainPack) => api.domain.updatePack({ pack }), onSuccess: saved }),
    reset: useMutation({ mutationFn: () => api.domain.resetPack(), onSuccess: saved }),
  };
}

export function usePersonas() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.personas(0, LIST_SIZE),
    queryFn: () => api.personas.list({ offset: 0, limit: LIST_SIZE }),
    placeholderData: keepPreviousData,
  });
}

export function useCoverage(distortions: string[], styles: string[]) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.personaCoverage(distortions, styles),
    queryFn: () => api.personas.coverage({ distortions, styles }),
    enabled: distortions.length > 0 && styles.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useScenarios() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.scenarios(0, LIST_SIZE),
    queryFn: () => api.scenarios.list({ offset: 0, limit: LIST_SIZE }),
    placeholderData: keepPreviousData,
  });
}

/** Estimates are asked for on purpose (a button), so they are mutations rather than queries. */
export function usePersonaRun() {
  const api = useApi();
  return {
    estimate: useMutation({ mutationFn: (input: PersonaGenerationInput) => api.personas.estimate(input) }),
    generate: useMutation({ mutationFn: (input: PersonaGenerationInput) => api.personas.generate(input) }),
  };
}

export function useScenarioRun() {
  const api = useApi();
  return {
    estimate: useMutation({ mutationFn: (input: ScenarioGenerationInput) => api.scenarios.estimate(input) }),
    generate: useMutation({ mutationFn: (input: ScenarioGenerationInput) => api.scenarios.generate(input) }),
  };
}

export function useSessionRun() {
  const api = useApi();
  return {
    estimate: useMutation({ mutationFn: (input: SessionGenerationInput) => api.sessions.estimateGeneration(input) }),
    generate: useMutation({ mutationFn: (input: SessionGenerationInput) => api.sessions.generate(input) }),
  };
}

export function usePrompts() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.prompts, queryFn: () => api.prompts.list() });
}

/** Previews are asked for on purpose (a button); a saved version refetches the list. */
export function usePromptEdit() {
  const api = useApi();
  const client = useQueryClient();
  return {
    preview: useMutation({ mutationFn: (input: { name: string; template: string }) => api.prompts.preview(input) }),
    save: useMutation({
      mutationFn: (input: { name: string; template: string; note?: string }) => api.prompts.save(input),
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.prompts }),
    }),
  };
}
