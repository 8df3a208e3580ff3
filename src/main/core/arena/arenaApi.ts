import { randomInt } from 'node:crypto';
import type { ArenaApi, ArenaColumn, ArenaConversation, ArenaMessage } from '../../../shared/api/arena';
import { ApiError } from '../../../shared/api/result';
import { registryName } from '../llm/modelNames';
import type { CoreContext } from '../context';
import { ProviderCallError } from '../llm/providerErrors';
import type { OpenProject } from '../projects/openProject';
import { sessionTokens } from '../sessions/sessionEditing';
import { knownDetails, loadRedaction } from '../sessions/sessionRedaction';
import { newId } from '../util/ids';
import type { ConversationRow } from './arenaRepo';
import { rubricsOf } from '../judging/projectRubrics';
import { currentPrompt } from '../generation/domainPack';
import { buildLeaderboard } from './leaderboard';
import { chatHistory, thread } from './threads';
import { projectProvider } from '../llm/projectProvider';

const LETTERS = ['A', 'B', 'C', 'D'];
const HIDDEN = 'hidden until you vote';
const SAVE_EVERY_MS = 500;

function requireConversation(project: OpenProject, id: string): ConversationRow {
  const c = project.arena.get(id);
  if (!c) throw new ApiError('NOT_FOUND', 'That conversation is not in this project.');
  return c;
}

/** The conversation as the screen sees it; in blind mode nothing names a model until the vote. */
function view(project: OpenProject, c: ConversationRow): ArenaConversation {
  const vote = project.arena.vote(c.id);
  const revealed = c.mode === 'named' || vote !== undefined;
  return {
    id: c.id,
    title: c.title,
    mode: c.mode,
    sharedSystemPrompt: c.sharedSystemPrompt,
    columns: c.columns.map((col, i) =>
      revealed
        ? {
            ...col,
            label:
              c.mode === 'blind'
                ? `Model ${LETTERS[i]}: ${registryName(project.models, col.providerId, col.model)}`
                : registryName(project.models, col.providerId, col.model),
            revealed: true,
          }
        : {
            providerId: '',
            model: HIDDEN,
            systemPrompt: null,
            temperature: null,
            maxTokens: null,
            label: `Model ${LETTERS[i]}`,
            revealed: false,
          },
    ),
    messages: project.arena.messages(c.id),
    heads: c.heads,
    vote: vote ? { verdict: vote.verdict, reason: vote.reason, at: vote.createdAt } : null,
    origin: c.origin,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function arenaApi({ projects, events }: CoreContext): ArenaApi {
  /** Answers being streamed, by conversation and column, so they can be stopped. */
  const streams = new Map<string, AbortController>();
  const key = (id: string, column: number) => `${id}:${column}`;
  const streaming = (id: string, column: number) => streams.has(key(id, column));

  const emitMessage = (conversationId: string, message: ArenaMessage) => events.emit('arena.message', { conversationId, message });

  /** Starts one column's answer to its current thread and streams it; returns at once. */
  function answer(project: OpenProject, c: ConversationRow, column: number, parentId: string): string {
    const col = c.columns[column]!;
    const message: ArenaMessage = {
      id: newId(),
      column,
      parentId,
      role: 'assistant',
      text: '',
      status: 'streaming',
      error: null,
      createdAt: Date.now(),
    };
    project.arena.insertMessage(c.id, message);
    emitMessage(c.id, message);
    const history = chatHistory(thread(project.arena.messages(c.id), parentId));
    const system = col.systemPrompt ?? c.sharedSystemPrompt;
    const abort = new AbortController();
    streams.set(key(c.id, column), abort);
    let text = '';
    // The text so far is saved now and then, so a window opened mid-answer (or a crash) keeps what was written.
    let savedAt = Date.now();
    const finish = (status: ArenaMessage['status'], error: string | null) => {
      streams.delete(key(c.id, column));
      // The project may have closed meanwhile; what was streamed is then lost with it.
      if (projects.open !== project) return;
      project.arena.finishMessage(message.id, text, status, error);
      emitMessage(c.id, { ...message, text, status, error });
    };
    void project.gateway
      .chat({
        providerId: col.providerId,
        model: col.model,
        purpose: 'arena',
        messages: [...(system ? [{ role: 'system' as const, content: system }] : []), ...history],
        ...(col.temperature !== null ? { temperature: col.temperature } : {}),
        ...(col.maxTokens !== null ? { maxTokens: col.maxTokens } : {}),
        signal: abort.signal,
        onDelta: (delta) => {
          text += delta;
          const now = Date.now();
          events.emit('arena.delta', { conversationId: c.id, messageId: message.id, column, delta, at: now });
          if (now - savedAt > SAVE_EVERY_MS && projects.open === project) {
            savedAt = now;
            project.arena.finishMessage(message.id, text, 'streaming', null);
          }
        },
      })
      .then(
        (result) => {
          text = result.text;
          finish('done', null);
        },
        (err: unknown) => {
          if (abort.signal.aborted || (err instanceof ProviderCallError && err.errorClass === 'cancelled')) finish('stopped', null);
          else finish('error', err instanceof Error ? err.message : String(err));
        },
      );
    return message.id;
  }

  function refuseWhileStreaming(c: ConversationRow, columns: number[]) {
    if (columns.some((i) => streaming(c.id, i)))
      throw new ApiError('CONFLICT', 'An answer is still being written. Wait for it, or stop it first.');
  }

  /** A user turn in each given column under `parents`, then the answers. */
  function sendTurn(project: OpenProject, c: ConversationRow, columns: number[], parents: (string | null)[], text: string) {
    const heads = [...c.heads];
    const now = Date.now();
    for (const column of columns) {
      const user: ArenaMessage = {
        id: newId(),
        column,
        parentId: parents[column] ?? null,
        role: 'user',
        text,
        status: 'done',
        error: null,
        createdAt: now,
      };
      project.arena.insertMessage(c.id, user);
      emitMessage(c.id, user);
      heads[column] = answer(project, c, column, user.id);
    }
    project.arena.setHeads(c.id, heads, now);
  }

  const columnsOf = (c: ConversationRow, column: number | undefined) => {
    if (column !== undefined && column >= c.columns.length)
      throw new ApiError('INVALID_INPUT', `This conversation has ${c.columns.length} columns.`);
    return column === undefined ? c.columns.map((_, i) => i) : [column];
  };

  return {
    'arena.list': async ({ search }) => {
      const project = projects.require();
      return project.arena.list(search?.trim() || null).map((c) => {
        const v = view(project, c);
        return {
          id: c.id,
          title: c.title,
          mode: c.mode,
          models: v.columns.map((col) => col.label),
          turns: thread(v.messages, c.heads[0] ?? null).filter((m) => m.role === 'user').length,
          voted: v.vote !== null,
          updatedAt: c.updatedAt,
        };
      });
    },

    'arena.get': async ({ id }) => {
      const project = projects.require();
      return view(project, requireConversation(project, id));
    },

    'arena.create': async ({ title, mode, sharedSystemPrompt, columns }) => {
      const project = projects.require();
      if (mode === 'blind' && columns.length !== 2)
        throw new ApiError('INVALID_INPUT', 'A blind comparison sets two models against each other; choose exactly two.');
      for (const col of columns)
        if (!project.providers.get(col.providerId)) throw new ApiError('NOT_FOUND', 'A chosen provider is not in this project.');
      // Blind: which model is "A" is drawn at random for each conversation.
      const ordered = mode === 'blind' && randomInt(2) === 1 ? [columns[1]!, columns[0]!] : columns;
      const now = Date.now();
      const c: ConversationRow = {
        id: newId(),
        title: title ?? (mode === 'blind' ? 'Blind comparison' : ordered.map((x) => x.model).join(' vs ')),
        mode,
        sharedSystemPrompt,
        columns: ordered,
        heads: ordered.map(() => null),
        origin: null,
        createdAt: now,
        updatedAt: now,
      };
      project.arena.insert(c);
      events.emit('data.changed', { entity: 'arena' });
      return view(project, c);
    },

    'arena.rename': async ({ id, title }) => {
      const project = projects.require();
      requireConversation(project, id);
      project.arena.rename(id, title, Date.now());
      events.emit('data.changed', { entity: 'arena' });
      return view(project, requireConversation(project, id));
    },

    'arena.remove': async ({ id }) => {
      const project = projects.require();
      for (const [k, abort] of streams) if (k.startsWith(`${id}:`)) abort.abort();
      if (!project.arena.remove(id)) throw new ApiError('NOT_FOUND', 'That conversation is not in this project.');
      events.emit('data.changed', { entity: 'arena' });
      return null;
    },

    'arena.send': async ({ id, text, column }) => {
      const project = projects.require();
      const c = requireConversation(project, id);
      const columns = columnsOf(c, column);
      refuseWhileStreaming(c, columns);
      if (c.mode === 'blind' && project.arena.vote(id))
        throw new ApiError('CONFLICT', 'This blind comparison has been voted on; start a new one to keep comparing.');
      sendTurn(project, c, columns, c.heads, text);
      return view(project, requireConversation(project, id));
    },

    'arena.stop': async ({ id, column }) => {
      const project = projects.require();
      const c = requireConversation(project, id);
      for (const i of columnsOf(c, column)) streams.get(key(id, i))?.abort();
      return view(project, c);
    },

    'arena.regenerate': async ({ id, column }) => {
      const project = projects.require();
      const c = requireConversation(project, id);
      columnsOf(c, column);
      refuseWhileStreaming(c, [column]);
      const head = c.heads[column] ? project.arena.message(c.heads[column]!) : undefined;
      if (!head || head.role !== 'assistant' || !head.parentId)
        throw new ApiError('CONFLICT', 'There is no answer to write again in this column yet.');
      const heads = [...c.heads];
      heads[column] = answer(project, c, column, head.parentId);
      project.arena.setHeads(id, heads, Date.now());
      return view(project, requireConversation(project, id));
    },

    'arena.edit': async ({ id, messageId, text }) => {
      const project = projects.require();
      const c = requireConversation(project, id);
      const edited = project.arena.message(messageId);
      if (!edited || edited.role !== 'user') throw new ApiError('NOT_FOUND', 'That message is not one of your turns in this conversation.');
      const messages = project.arena.messages(id);
      const turnIndex = thread(messages, c.heads[edited.column] ?? null)
        .filter((m) => m.role === 'user')
        .findIndex((m) => m.id === messageId);
      if (turnIndex < 0) throw new ApiError('CONFLICT', 'That turn is on an older branch; edit a turn of the conversation as it stands.');
      const columns = c.columns.map((_, i) => i);
      refuseWhileStreaming(c, columns);
      if (c.mode === 'blind' && project.arena.vote(id))
        throw new ApiError('CONFLICT', 'This blind comparison has been voted on; start a new one to keep comparing.');
      // The same turn in every column is replaced: the new user message hangs where the old one did.
      const parents = columns.map(
        (i) => thread(messages, c.heads[i] ?? null).filter((m) => m.role === 'user')[turnIndex]?.parentId ?? null,
      );
      sendTurn(project, c, columns, parents, text);
      return view(project, requireConversation(project, id));
    },

    'arena.saveToLibrary': async ({ id, column }) => {
      const project = projects.require();
      const c = requireConversation(project, id);
      columnsOf(c, column);
      const turns = thread(project.arena.messages(id), c.heads[column] ?? null)
        .filter((m) => m.status !== 'error' && m.text.trim() !== '')
        .map((m) => ({ role: m.role, text: m.text }));
      while (turns.length && turns.at(-1)!.role !== 'assistant') turns.pop();
      if (!turns.some((t) => t.role === 'user')) throw new ApiError('CONFLICT', 'This column has no exchange to save yet.');
      const col = c.columns[column]!;
      const systemPrompt = col.systemPrompt ?? c.sharedSystemPrompt;
      const sessionId = newId();
      // What a person typed into the arena can hold personal details like any transcript: they are
      // detected here and wait for review, so the privacy gate keeps the session out of datasets until then.
      // Names and places accepted in the project's reviewed sessions are looked for here too (project-wide).
      const detections = (await loadRedaction()).detectPii(turns, { known: knownDetails(project.sessions) });
      // The counselor's lines are a model's, so the session is synthetic; the tag says a person wrote the client's side.
      project.sessions.insert({
        id: sessionId,
        title: `${c.title} (${col.model})`,
        source: 'synthetic',
        status: 'needs_review',
        tags: ['human-authored-chat'],
        systemPrompt,
        notes: null,
        metadata: { origin: 'arena', arenaConversationId: id, column, model: col.model, providerId: col.providerId },
        turns,
        tokenCount: sessionTokens(systemPrompt, turns),
        redaction: detections.length
          ? { status: 'pending', mode: 'placeholder', detections }
          : { status: 'clean', mode: 'placeholder', detections: [] },
        createdAt: Date.now(),
      });
      events.emit('data.changed', { entity: 'sessions' });
      return { sessionId };
    },

    'arena.vote': async ({ id, verdict, reason }) => {
      const project = projects.require();
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
      events.emit('data.changed', { entity: 'arena' });
      return view(project, c);
    },

    'arena.leaderboard': async ({ resamples }) => {
      const project = projects.require();
      const board = buildLeaderboard(
        project.arena.votes(),
        (conversationId, column) => project.arena.judgment(conversationId, column)?.score ?? null,
        resamples ?? 1000,
      );
      return { ...board, rows: board.rows.map((r) => ({ ...r, name: registryName(project.models, null, r.model) })) };
    },

    'arena.judgeVotes': async ({ providerId, model, rubricId }) => {
      const project = projects.require();
      const provider = projectProvider(project.providers, providerId);
      const [rubric] = rubricsOf(project, [rubricId ?? 'empathy-relevance']);
      const items = project.arena
        .votes()
        .flatMap((v) => [0, 1].map((column) => ({ conversationId: v.conversationId, column })))
        .filter((i) => project.arena.judgment(i.conversationId, i.column) === undefined);
      if (items.length === 0) throw new ApiError('CONFLICT', 'Every voted comparison has been judged already. Vote on more first.');
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

    'arena.fromEvaluation': async ({ runId, conversationId, column }) => {
      const project = projects.require();
      const run = project.evaluation.run(runId);
      const conversation = project.evaluation.conversation(conversationId);
      if (!run || !conversation || conversation.runId !== runId)
        throw new ApiError('NOT_FOUND', 'That evaluation conversation is not in this project.');
      const arm = run.spec.arms[conversation.arm]!;
      const col: ArenaColumn = column ?? {
        providerId: arm.providerId,
        model: arm.model,
        systemPrompt: arm.systemPrompt,
        temperature: arm.temperature,
        maxTokens: null,
      };
      if (!project.providers.get(col.providerId)) throw new ApiError('NOT_FOUND', 'The model’s provider is no longer in this project.');
      const scenario = project.evaluation.version(run.setVersionId)!.scenarios.find((s) => s.id === conversation.scenarioId);
      const now = Date.now();
      const c: ConversationRow = {
        id: newId(),
        title: `${scenario?.title ?? 'Evaluation'} (${arm.label})`,
        mode: 'named',
        sharedSystemPrompt: run.spec.sharedSystemPrompt,
        columns: [col],
        heads: [null],
        origin: { evalRunId: runId, conversationId },
        createdAt: now,
        updatedAt: now,
      };
      project.arena.insert(c);
      let parent: string | null = null;
      conversation.turns.forEach((t, i) => {
        const m: ArenaMessage = {
          id: newId(),
          column: 0,
          parentId: parent,
          role: t.role,
          text: t.text,
          status: 'done',
          error: null,
          createdAt: now + i,
        };
        project.arena.insertMessage(c.id, m);
        parent = m.id;
      });
      project.arena.setHeads(c.id, [parent], now);
      events.emit('data.changed', { entity: 'arena' });
      return view(project, requireConversation(project, c.id));
    },
  };
}
