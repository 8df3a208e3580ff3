export const modelRoles = ['generator', 'judge', 'patientSimulator', 'transcriber'] as const;
export type ModelRole = (typeof modelRoles)[number];

export type ModelKind = 'base' | 'fine-tuned' | 'registered';

/** A model known to the project: discovered from a provider, trained, or typed in. */
export interface ModelEntry {
  id: string;
  providerId: string;
  modelId: string;
  kind: ModelKind;
  displayName: string;
  lineage: Record<string, unknown> | null;
  createdAt: number;
}

/** USD per million tokens; editable data, never constants in code. */
export interface ModelPrice {
  model: string;
  inputPerM: number;
  outputPerM: number;
  cachedInputPerM: number | null;
  trainingPerM: number | null;
  updatedAt: number;
}

export interface RoleDefault {
  role: ModelRole;
  providerId: string | null;
  modelId: string | null;
}
