import { z } from 'zod';
import { domainPackSchema, type DomainPack } from '../domain/domainPack';
import { idSchema } from '../domain/ids';
import type { JobSummary } from '../domain/job';
import type { InputSchemas, Method, NoInput } from './contractTypes';

export interface PromptVersion {
  name: string;
  version: number;
  template: string;
  note: string | null;
  createdAt: number;
  /** The version generation uses now: the newest one. */
  current: boolean;
}

export interface PersonaView {
  id: string;
  name: string;
  cell: { distortions: string[]; style: string; ageBand: string; presentingProblem: string; severity: string; riskLevel: string };
  persona: Record<string, unknown>;
  provenance: Record<string, unknown>;
  createdAt: number;
}

export interface GenerationEstimate {
  calls: number;
  tokensIn: number;
  tokensOut: number;
  /** Null when the model has no price in the project's price table. */
  costUsd: number | null;
  /** From the provider's last speed test at its concurrency; null when it was never measured. */
  seconds: number | null;
  basis: string;
}

export interface PersonaGenerationInput {
  count: number;
  providerId: string;
  model: string;
  distortions: string[];
  styles: string[];
  ageBands?: string[] | undefined;
  riskLevels?: string[] | undefined;
  temperature?: number | undefined;
  seed?: number | undefined;
  budgetUsd?: number | null | undefined;
  /** Personas at least this similar (MinHash estimate of Jaccard) to an existing one are rejected. */
  similarityThreshold?: number | undefined;
  /** Use the provider's Batch API: half the price, answers within 24 hours. */
  useBatch?: boolean | undefined;
}

export interface ScenarioView {
  id: string;
  personaId: string;
  theme: string;
  summary: string;
  distortions: string[];
  scenario: string;
  cognitiveModel: Record<string, unknown>;
  provenance: Record<string, unknown>;
  createdAt: number;
}

interface RunSettings {
  providerId: string;
  model: string;
  temperature?: number | undefined;
  seed?: number | undefined;
  budgetUsd?: number | null | undefined;
}

export interface ScenarioGenerationInput extends RunSettings {
  /** Personas to write scenarios for; all personas without a scenario when absent. */
  personaIds?: string[] | undefined;
  /** Themes per persona; the persona's presenting problem when absent. */
  themes?: string[] | undefined;
  /** Use the provider's Batch API: half the price, answers within 24 hours. */
  useBatch?: boolean | undefined;
}

export interface SessionGenerationInput extends RunSettings {
  /** Scenarios to write sessions from; all scenarios without a session when absent. */
  scenarioIds?: string[] | undefined;
  perScenario?: number | undefined;
  /** Relative weights of short (6-10 turns), medium (12-20) and long (22-34) sessions. */
  lengths?: { short?: number | undefined; medium?: number | undefined; long?: number | undefined } | undefined;
  mode: 'single' | 'twoAgent';
  /** One-call sessions only: the provider's Batch API, half the price, answers within 24 hours. */
  useBatch?: boolean | undefined;
}

export interface GenerationApi {
  'domain.pack': Method<NoInput, DomainPack>;
  'domain.updatePack': Method<{ pack: DomainPack }, DomainPack>;
  'domain.resetPack': Method<NoInput, DomainPack>;
  'prompts.list': Method<NoInput, PromptVersion[]>;
  'prompts.save': Method<{ name: string; template: string; note?: string | undefined }, PromptVersion>;
  /** The prompt filled in for one real item of the project (a persona cell, a persona, a scenario, a session), before any run. */
  'prompts.preview': Method<{ name: string; template?: string | undefined }, { text: string; item: string; placeholders: string[] }>;
  'personas.list': Method<{ offset?: number | undefined; limit?: number | undefined }, { rows: PersonaView[]; total: number }>;
  'personas.coverage': Method<{ distortions: string[]; styles: string[] }, { distortion: string; style: string; count: number }[]>;
  'personas.estimate': Method<PersonaGenerationInput, GenerationEstimate>;
  'personas.generate': Method<PersonaGenerationInput, JobSummary>;
  'scenarios.list': Method<{ offset?: number | undefined; limit?: number | undefined }, { rows: ScenarioView[]; total: number }>;
  'scenarios.estimate': Method<ScenarioGenerationInput, GenerationEstimate>;
  'scenarios.generate': Method<ScenarioGenerationInput, JobSummary>;
  'sessions.estimateGeneration': Method<SessionGenerationInput, GenerationEstimate>;
  'sessions.generate': Method<SessionGenerationInput, JobSummary>;
}

const labels = z.array(z.string().trim().min(1).max(100)).max(50);

const personaGeneration = z.strictObject({
  count: z.number().int().min(1).max(10_000),
  providerId: idSchema,
  model: z.string().trim().min(1).max(200),
  distortions: labels.min(1, 'choose at least one distortion'),
  styles: labels.min(1, 'choose at least one style'),
  ageBands: labels.optional(),
  riskLevels: labels.optional(),
  temperature: z.number().min(0).max(2).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .optional(),
  budgetUsd: z.number().positive().max(100_000).nullable().optional(),
  similarityThreshold: z.number().min(0.3).max(1).optional(),
  useBatch: z.boolean().optional(),
});

const runSettings = {
  providerId: idSchema,
  model: z.string().trim().min(1).max(200),
  temperature: z.number().min(0).max(2).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .optional(),
  budgetUsd: z.number().positive().max(100_000).nullable().optional(),
};
const scenarioGeneration = z.strictObject({
  ...runSettings,
  personaIds: z.array(idSchema).min(1).max(10_000).optional(),
  themes: labels.min(1).optional(),
  useBatch: z.boolean().optional(),
});
const weight = z.number().min(0).max(100).optional();
const sessionGeneration = z.strictObject({
  ...runSettings,
  scenarioIds: z.array(idSchema).min(1).max(10_000).optional(),
  perScenario: z.number().int().min(1).max(20).optional(),
  lengths: z.strictObject({ short: weight, medium: weight, long: weight }).optional(),
  mode: z.enum(['single', 'twoAgent']),
  useBatch: z.boolean().optional(),
});

export const generationInputs = {
  'domain.pack': z.strictObject({}),
  'domain.updatePack': z.strictObject({ pack: domainPackSchema }),
  'domain.resetPack': z.strictObject({}),
  'prompts.list': z.strictObject({}),
  'prompts.save': z.strictObject({
    name: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,40}$/, 'a prompt name such as persona'),
    template: z.string().trim().min(20).max(50_000),
    note: z.string().max(500).optional(),
  }),
  'prompts.preview': z.strictObject({
    name: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,40}$/, 'a prompt name such as persona'),
    template: z.string().max(50_000).optional(),
  }),
  'personas.list': z.strictObject({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(500).optional() }),
  'personas.coverage': z.strictObject({ distortions: labels.min(1), styles: labels.min(1) }),
  'personas.estimate': personaGeneration,
  'personas.generate': personaGeneration,
  'scenarios.list': z.strictObject({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(500).optional() }),
  'scenarios.estimate': scenarioGeneration,
  'scenarios.generate': scenarioGeneration,
  'sessions.estimateGeneration': sessionGeneration,
  'sessions.generate': sessionGeneration,
} satisfies InputSchemas<GenerationApi>;
