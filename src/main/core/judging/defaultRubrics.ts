import ctrsJson from '../../../../resources/rubrics/ctrs.json';
import empathyRelevanceJson from '../../../../resources/rubrics/empathy-relevance.json';
import sessionQualityJson from '../../../../resources/rubrics/session-quality.json';
import { rubricSchema, type Rubric } from './rubric';

/**
 * The built-in rubrics, checked on load: they are data a person edits, and a broken one should stop
 * the app at once rather than produce judgments nobody can interpret.
 */
export const defaultRubrics: readonly Rubric[] = [sessionQualityJson, ctrsJson, empathyRelevanceJson].map((r) => rubricSchema.parse(r));

/** The rubric a new project judges with. */
export const defaultRubricId = 'session-quality';
