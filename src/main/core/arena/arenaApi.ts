import type { ArenaApi } from '../../../shared/api/arena';
import { ApiError } from '../../../shared/api/result';
import type { DomainDeps } from '../context';
import { currentPrompt } from '../generation/domainPack';
import { rubricsOf } from '../judging/projectRubrics';
import { registryName } from '../llm/modelNames';
import { projectProvider } from '../llm/projectProvider';
import { AnswerStreams } from './answerStreams';
import { conversationSummary, conversationView, requireConversation } from './conversationView';
import {
  columnsOf,
  conversationFromEvaluation,
  createConversation,
  editedTurnParents,
  refuseAfterVote,
  saveColumnToLibrary,
} from './conversations';
import type { WorkerPool } from '../workers/workerPool';

/** The parts of the open project the arena reads and writes. */
export type ArenaParts =
  'file' | 'arena' | 'models' | 'providers' | 'gateway' | 'sessions' | 'evaluation' | 'jobs' | 'meta' | 'prompts' | 'judgments';

/** The arena contract over its domain modules: the view, the conversation operations and the stream registry. */
export function arenaApi({
  project: open,
  events,
  isOpen,
  workers,
}: DomainDeps<ArenaParts> & { isOpen: (project: object) => boolean; workers: WorkerPool }): ArenaApi {
  const streams = new AnswerStreams(events, isOpen);
  const changed = () => events.emit('data.changed', { entity: 'arena' });
  /** The conversation as it stands after a change. */
  const current = (id: string) => {
    const project = open();
    return conversationView(project, requireConversation(project, id));
  };

  return {
    'arena.list': async ({ search }) => {
      const project = open();
      return project.arena.list(search?.trim() || null).map((c) => conversationSummary(project, c));
    },
    'arena.get': async ({ id }) => current(id),
    'arena.create': async (input) => {
      const project = open();
      const c = createConversation(project, input);
      changed();
      return conversationView(project, c);
    },
    'arena.rename': async ({ id, title }) => {
      const project = open();
      requireConversation(project, id);
      project.arena.rename(id, title, Date.now());
      changed();
      return current(id);
    },
    'arena.remove': async ({ id }) => {
      const project = open();
      streams.stopAll(id);
      if (!project.arena.remove(id)) throw new ApiError('NOT_FOUND', 'That conversation is not in this project.');
      changed();
      return null;
    },
    'arena.send': async ({ id, text, column }) => {
      const project = open();
      const c = requireConversation(project, id);
      const columns = columnsOf(c, column);
      streams.refuseWhileStreaming(c, columns);
      refuseAfterVote(project, c);
      streams.sendTurn(project, c, columns, c.heads, text);
      return current(id);
    },
    'arena.stop': async ({ id, column }) => {
      const project = open();
      const c = requireConversation(project, id);
      for (const i of columnsOf(c, column)) streams.stop(id, i);
      return conversationView(project, c);
    },
    'arena.regenerate': async ({ id, column }) => {
      const project = open();
      const c = requireConversation(project, id);
      columnsOf(c, column);
      streams.refuseWhileStreaming(c, [column]);
      const head = c.heads[column] ? project.arena.message(c.heads[column]!) : undefined;
      if (!head || head.role !== 'assistant' || !head.parentId)
        throw new ApiError('CONFLICT', 'There is no answer to write again in this column yet.');
      const heads = [...c.heads];
      heads[column] = streams.answer(project, c, column, head.parentId);
      project.arena.setHeads(id, heads, Date.now());
      return current(id);
    },
    'arena.edit': async ({ id, messageId, text }) => {
      const project = open();
      const c = requireConversation(project, id);
      const parents = editedTurnParents(project, c, messageId);
      const columns = c.columns.map((_, i) => i);
      streams.refuseWhileStreaming(c, columns);
      refuseAfterVote(project, c);
      streams.sendTurn(project, c, columns, parents, text);
      return current(id);
    },
    'arena.saveToLibrary': async ({ id, column }) => {
      const project = open();
      const c = requireConversation(project, id);
      columnsOf(c, column);
      const sessionId = await saveColumnToLibrary(project, c, column);
      events.emit('data.changed', { entity: 'sessions' });
      return { sessionId };
    },
    'arena.vote': async ({ id, verdict, reason }) => {
      const project = open();
      const c = requireConversation(project, id);
      if (c.mode !== 'blind') throw new ApiError('INVALID_INPUT', 'Votes are for blind comparisons, where the names are hidden.');
      if (project.arena.vote(id)) throw new ApiError('CONFLICT', 'This comparison already has a vote.');
      if (!c.heads.every((h) => h && project.arena.message(h)?.status === 'done'))
        throw new ApiError('CONFLICT', 'Vote once both models have answered.');
      project.arena.insertVote({
        conversationId: id,
        verdict,
        reason: reason?.trim() || null,
        modelA: c.columns[0]!.model,
        modelB: c.columns[1]!.model,
        createdAt: Date.now(),
      });
      changed();
      return conversationView(project, c);
    },
    'arena.leaderboard': async ({ resamples }) => {
      const project = open();
      // The bootstrap refits run on the worker pool.
      const board = await workers.run('arenaLeaderboard', { file: project.file, resamples: resamples ?? 1000 });
      return { ...board, rows: board.rows.map((r) => ({ ...r, name: registryName(project.models, null, r.model) })) };
    },
    'arena.judgeVotes': async ({ providerId, model, rubricId }) => {
      const project = open();
      await project.jobs.load('arenaJudge');
      const provider = projectProvider(project.providers, providerId);
      const [rubric] = rubricsOf(project, [rubricId ?? 'empathy-relevance']);
      const items = project.arena
        .votes()
        .flatMap((v) => [0, 1].map((column) => ({ conversationId: v.conversationId, column })))
        // An answer judged without a usable score is judged again: nothing of it counts yet.
        .filter((i) => (project.arena.judgment(i.conversationId, i.column)?.score ?? null) === null);
      if (items.length === 0) throw new ApiError('CONFLICT', 'Every voted comparison has a judge score already. Vote on more first.');
      const job = project.jobs.create('arenaJudge', {
        providerId,
        model,
        concurrency: provider.concurrency,
        rubric,
        prompt: currentPrompt(project, 'judge'),
        items,
      });
      events.emit('data.changed', { entity: 'jobs' });
      return job;
    },
    'arena.fromEvaluation': async (input) => {
      const id = conversationFromEvaluation(open(), input);
      changed();
      return current(id);
    },
  };
}
