import type { ArenaConversation, ArenaConversationSummary } from '../../../shared/api/arena';
import { ApiError } from '../../../shared/api/result';
import { registryName } from '../llm/modelNames';
import type { ConversationRow } from './arenaRepo';
import { thread } from './threads';
import type { ArenaRepo } from './arenaRepo';
import type { ModelsRepo } from '../llm/modelsRepo';

const LETTERS = ['A', 'B', 'C', 'D'];
const HIDDEN = 'hidden until you vote';

type Viewing = { arena: ArenaRepo; models: ModelsRepo };

export function requireConversation(project: { arena: ArenaRepo }, id: string): ConversationRow {
  const c = project.arena.get(id);
  if (!c) throw new ApiError('NOT_FOUND', 'That conversation is not in this project.');
  return c;
}

/** The conversation as the screen sees it; in blind mode nothing names a model until the vote. */
export function conversationView(project: Viewing, c: ConversationRow): ArenaConversation {
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

/** A line of the conversation list: the models as the view names them (still hidden in an unvoted blind one). */
export function conversationSummary(project: Viewing, c: ConversationRow): ArenaConversationSummary {
  const v = conversationView(project, c);
  return {
    id: c.id,
    title: c.title,
    mode: c.mode,
    models: v.columns.map((col) => col.label),
    turns: thread(v.messages, c.heads[0] ?? null).filter((m) => m.role === 'user').length,
    voted: v.vote !== null,
    updatedAt: c.updatedAt,
  };
}
