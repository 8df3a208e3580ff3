import { createHash } from 'node:crypto';
import { REPORT_FILE_NAMES, type ReportInput } from './reportInput';

export interface ReportManifest {
  kind: 'hybrid-data-studio/evaluation-report';
  manifestVersion: 1;
  run: { id: string; name: string; status: string };
  scenarioSet: { name: string; version: number; hash: string; scenarios: number };
  arms: {
    label: string;
    providerId: string;
    model: string;
    temperature: number | null;
    ownSystemPrompt: boolean;
    lineage: { datasetName: string | null; datasetVersion: number | null; datasetHash: string | null };
  }[];
  simulator: { providerId: string | null; providerName: string; model: string; temperature: number };
  judge: { providerName: string; model: string; repeats: number };
  rubrics: { id: string; name: string; version: number }[];
  formulation: boolean;
  prompts: { name: string; version: number }[];
  seeds: number[];
  turns: number;
  bootstrap: { resamples: number; seed: number; level: number };
  counts: {
    conversations: { total: number; done: number; failed: number };
    judgments: { total: number; scored: number; missing: number };
    /** Rows in scores.csv, and how many of them have no score. */
    scoreRows: number;
    missingScores: number;
  };
  files: { name: string; bytes: number; sha256: string }[];
  generatedAt: string;
  appVersion: string;
}

/** What a report folder holds and how it was made; the HTML and CSV are listed with their SHA-256. */
export function reportManifest(input: ReportInput, files: { html: string; csv: string }): ReportManifest {
  const { run, method } = input;
  return {
    kind: 'hybrid-data-studio/evaluation-report',
    manifestVersion: 1,
    run: { id: run.id, name: run.spec.name, status: run.status },
    scenarioSet: { name: method.setName, version: method.setVersion, hash: method.setHash, scenarios: input.scenarios.length },
    arms: run.spec.arms.map((arm) => {
      const lineage = method.datasets.find((d) => d.armLabel === arm.label);
      return {
        label: arm.label,
        providerId: arm.providerId,
        model: lineage?.model ?? arm.model,
        temperature: arm.temperature,
        ownSystemPrompt: arm.systemPrompt !== null,
        lineage: {
          datasetName: lineage?.datasetName ?? null,
          datasetVersion: lineage?.datasetVersion ?? null,
          datasetHash: lineage?.datasetHash ?? null,
        },
      };
    }),
    simulator: {
      providerId: method.simulator.providerId ?? run.spec.simulator.providerId,
      providerName: method.simulator.providerName,
      model: method.simulator.model,
      temperature: method.simulator.temperature,
    },
    judge: { providerName: method.judge.providerName, model: method.judge.model, repeats: method.judgeRepeats },
    rubrics: method.rubrics.map((r) => ({ id: r.id, name: r.name, version: r.version })),
    formulation: run.spec.formulation,
    prompts: method.prompts.map((p) => ({ name: p.name, version: p.version })),
    seeds: [...method.seeds],
    turns: method.turns,
    bootstrap: { ...method.bootstrap },
    counts: {
      conversations: { ...run.conversations },
      judgments: { ...run.judgments },
      scoreRows: input.scores.length,
      missingScores: input.scores.filter((s) => s.score === null).length,
    },
    files: [fileEntry(REPORT_FILE_NAMES.html, files.html), fileEntry(REPORT_FILE_NAMES.csv, files.csv)],
    generatedAt: new Date(method.generatedAt).toISOString(),
    appVersion: method.appVersion,
  };
}

function fileEntry(name: string, content: string): { name: string; bytes: number; sha256: string } {
  const bytes = Buffer.from(content, 'utf8');
  return { name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
