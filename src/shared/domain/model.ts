export const modelRoles = ['generator', 'judge', 'patientSimulator', 'counselor', 'transcriber'] as const;
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

/** Models that turn speech into text, by the names providers give them. */
export function isTranscriptionModel(modelId: string): boolean {
  return /whisper|transcribe/i.test(modelId);
}

/**
 * Whether a listed model can hold a chat. Providers list every model they serve; embedding, speech,
 * image and moderation models answer a chat request with an error, so chat roles never offer them.
 */
export function isChatModel(modelId: string): boolean {
  return !/embed|whisper|transcribe|tts|speech|dall-e|gpt-image|image-|moderation|rerank|realtime|audio|sora|^(davinci|babbage)(-\d+)?$/i.test(
    modelId,
  );
}

/** The models a role may use: a transcriber takes speech models, every other role chat models. */
export function modelsForRole(role: ModelRole, modelIds: readonly string[]): string[] {
  return modelIds.filter((m) => (role === 'transcriber' ? isTranscriptionModel(m) : isChatModel(m)));
}

/** First choices per role among common names: a strong model judges and writes, a cheap one plays the client and the counselor under test. */
const preferred: Record<ModelRole, RegExp[]> = {
  generator: [/^gpt-4o$/, /^gpt-4\.1$/, /^gpt-4o-mini$/, /llama.*70b/i, /qwen.*(72|32)b/i],
  judge: [/^gpt-4\.1$/, /^gpt-4o$/, /^gpt-4o-mini$/, /llama.*70b/i, /qwen.*(72|32)b/i],
  patientSimulator: [/^gpt-4o-mini$/, /^gpt-4\.1-mini$/, /^gpt-4o$/, /llama.*8b/i],
  counselor: [/^gpt-4o-mini$/, /^gpt-4\.1-mini$/, /llama.*8b/i, /qwen.*7b/i],
  transcriber: [/^gpt-4o-transcribe$/, /^whisper-1$/, /whisper/i],
};

/** A default model per role from what a provider lists (after a connection test); a role with no fitting model is left out. */
export function suggestRoleDefaults(modelIds: readonly string[]): { role: ModelRole; modelId: string }[] {
  return modelRoles.flatMap((role) => {
    const fitting = modelsForRole(role, modelIds);
    const pick = preferred[role].map((p) => fitting.find((m) => p.test(m))).find((m) => m !== undefined) ?? fitting[0];
    return pick ? [{ role, modelId: pick }] : [];
  });
}
