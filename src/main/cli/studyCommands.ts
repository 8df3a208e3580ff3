import type { StudyStep } from '../../shared/api/study';
import type { CommandContext, CommandOutput } from './commands';

const marks: Record<StudyStep['state'], string> = { done: '[x]', next: '[>]', todo: '[ ]', warning: '[!]' };

/** The detail plus the warnings, since `--json` promises one `detail` per step. */
export const fullDetail = (s: StudyStep) =>
  s.warnings.length === 0 ? s.detail : [s.detail, ...s.warnings.map((w) => `Warning: ${w}`)].map(sentence).join(' ');

/** Ends a piece with a full stop unless it has one, so pieces joined by spaces read as sentences. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The Study home's checklist, from the same `study.status` the app shows. */
export const studyCommands: Record<string, (ctx: CommandContext) => Promise<CommandOutput>> = {
  status: async (ctx) => {
    const steps = await ctx.client.api.study.status();
    const lines = steps.flatMap((s, i) => [
      `${marks[s.state]} ${i + 1}. ${s.title}: ${s.detail}`,
      ...s.warnings.map((w) => `      warning: ${w}`),
      ...(s.next && s.action ? [`      next: ${s.action.label} (${s.action.area} screen)`] : []),
    ]);
    return { data: steps.map((s) => ({ step: s.step, state: s.state, detail: fullDetail(s) })), text: lines.join('\n') };
  },
};
