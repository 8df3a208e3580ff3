import { z } from 'zod';
import { idSchema } from '../domain/ids';
import { modelRoles } from '../domain/model';
import type { ModelEntry, ModelPrice, ModelRole, RoleDefault } from '../domain/model';
import type { InputSchemas, Method, NoInput } from './contractTypes';

const modelName = z.string().trim().min(1).max(200);
const pricePerM = z.number().min(0).max(10_000);

export interface ModelsApi {
  'models.list': Method<{ providerId?: string | undefined }, ModelEntry[]>;
  /** Registers a model id served somewhere (a local LoRA, an existing ft: id), with its lineage. */
  'models.register': Method<
    { providerId: string; modelId: string; displayName?: string | undefined; lineage?: Record<string, unknown> | undefined },
    ModelEntry
  >;
  'models.remove': Method<{ id: string }, null>;
  'models.prices': Method<NoInput, ModelPrice[]>;
  'models.setPrice': Method<
    {
      model: string;
      inputPerM: number;
      outputPerM: number;
      cachedInputPerM?: number | null | undefined;
      trainingPerM?: number | null | undefined;
    },
    ModelPrice
  >;
  'models.removePrice': Method<{ model: string }, null>;
  'models.roleDefaults': Method<NoInput, RoleDefault[]>;
  'models.setRoleDefault': Method<{ role: ModelRole; providerId: string | null; modelId: string | null }, RoleDefault[]>;
}

export const modelsInputs = {
  'models.list': z.strictObject({ providerId: idSchema.optional() }),
  'models.register': z.strictObject({
    providerId: idSchema,
    modelId: modelName,
    displayName: z.string().trim().min(1).max(200).optional(),
    lineage: z.record(z.string(), z.unknown()).optional(),
  }),
  'models.remove': z.strictObject({ id: idSchema }),
  'models.prices': z.strictObject({}),
  'models.setPrice': z.strictObject({
    model: modelName,
    inputPerM: pricePerM,
    outputPerM: pricePerM,
    cachedInputPerM: pricePerM.nullable().optional(),
    trainingPerM: pricePerM.nullable().optional(),
  }),
  'models.removePrice': z.strictObject({ model: modelName }),
  'models.roleDefaults': z.strictObject({}),
  'models.setRoleDefault': z.strictObject({
    role: z.enum(modelRoles),
    providerId: idSchema.nullable(),
    modelId: modelName.nullable(),
  }),
} satisfies InputSchemas<ModelsApi>;
