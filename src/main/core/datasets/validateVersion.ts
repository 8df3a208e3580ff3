import type { ExampleIssueView, ValidationReport } from '../../../shared/api/datasets';
import { findPrice } from '../llm/pricing';
import { pendingInVersion } from './privacyGate';
import type { VersionRow } from './datasetsRepo';
import { ChatValidator, DEFAULT_TOKEN_LIMIT, type ChatValidation } from './formatChecks';
import type { DatasetsRepo } from './datasetsRepo';
import type { PricesRepo } from '../llm/pricesRepo';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import { groupedCount } from '../util/count';

const SHOWN_ISSUES = 200;

/** The issues of one file, each with the session it came from; `prefix` says which file. */
function issuesOf(
  result: ChatValidation,
  sessions: Map<number, string>,
  prefix: string,
  skip: (code: string) => boolean,
): ExampleIssueView[] {
  return [...result.errors, ...result.warnings]
    .filter((i) => !skip(i.code))
    .map((i) => ({ ...i, message: `${prefix}${i.message}`, sessionId: sessions.get(i.example) ?? null }));
}

/**
 * Checks a frozen version as OpenAI will check its files: each example numbered by its line in
 * train.jsonl or validation.jsonl, with the session it came from; then prices the training as
 * tokens × epochs × the model's training price. Only the training file needs ten examples.
 */
export function validateVersion(
  project: { datasets: DatasetsRepo; prices: PricesRepo; sessions: SessionsRepo },
  version: VersionRow,
  options: { model: string | null; epochs: number },
): ValidationReport {
  const tokenLimit = DEFAULT_TOKEN_LIMIT;
  const files = {
    train: { validator: new ChatValidator({ tokenLimit }), sessions: new Map<number, string>(), lines: 0 },
    validation: { validator: new ChatValidator({ tokenLimit }), sessions: new Map<number, string>(), lines: 0 },
  };
  let trainTokens = 0;
  for (const e of project.datasets.examples(version.id)) {
    const file = files[e.split];
    file.lines++;
    file.sessions.set(file.lines, e.sessionId);
    file.validator.addValue({ messages: e.messages }, file.lines);
    if (e.split === 'train') trainTokens += e.tokens;
  }
  const train = files.train.validator.finish();
  const validation = files.validation.validator.finish();
  const fewValidation = validation.countsByCode.too_few_examples ?? 0;
  const issues = [
    ...issuesOf(train, files.train.sessions, '', () => false),
    ...issuesOf(validation, files.validation.sessions, 'Validation file: ', (code) => code === 'too_few_examples'),
  ];
  const byCode: Record<string, number> = { ...train.countsByCode };
  for (const [code, n] of Object.entries(validation.countsByCode)) if (code !== 'too_few_examples') byCode[code] = (byCode[code] ?? 0) + n;
  // The privacy gate: a version holding sessions whose personal details await review is not ready to train.
  const pending = pendingInVersion(project, version.id);
  if (pending.length) {
    byCode.personal_details_pending = pending.length;
    issues.unshift(
      ...pending.slice(0, SHOWN_ISSUES).map((sessionId): ExampleIssueView => ({
        example: 0,
        sessionId,
        severity: 'error',
        code: 'personal_details_pending',
        message: 'This session has detected personal details awaiting review; review them, then freeze a new version.',
      })),
    );
  }
  const errors = train.errorCount + validation.errorCount - fewValidation + pending.length;

  const model = options.model;
  const price = model ? findPrice(model, project.prices.list()) : null;
  const trained = trainTokens * options.epochs;
  const perM = price?.trainingPerM ?? null;
  return {
    examples: version.examples,
    ok: errors === 0,
    errors,
    warnings: train.warningCount + validation.warningCount,
    issues: issues.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)).slice(0, SHOWN_ISSUES),
    byCode,
    tokenLimit,
    trainingCost: model
      ? {
          model,
          epochs: options.epochs,
          tokens: trained,
          costUsd: perM === null ? null : (trained / 1_000_000) * perM,
          basis:
            perM === null
              ? `No training price for ${model}; add one under Settings > Models > Prices.`
              : `${groupedCount(trainTokens)} training tokens × ${options.epochs} epochs × $${perM} per million (${price!.model} training price).`,
        }
      : null,
  };
}
