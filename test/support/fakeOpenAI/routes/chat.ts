import { answerChat, chatCompletionObject, streamPieces, type ChatAnswer } from '../chatModel';
import { objectBody, sendJson, startSse, type Ctx, type RouteDef } from '../http';

async function createChat(ctx: Ctx): Promise<void> {
  const body = objectBody(ctx);
  const answer = answerChat(ctx.state, body);
  const id = ctx.state.newId('chatcmpl-', 29);
  const created = ctx.state.nowSec();
  if (body.stream === true) {
    const options = body.stream_options as { include_usage?: unknown } | undefined | null;
    await streamChat(ctx, id, created, answer, options?.include_usage === true);
    return;
  }
  await sendJson(ctx, chatCompletionObject(id, created, answer));
}

async function streamChat(ctx: Ctx, id: string, created: number, answer: ChatAnswer, includeUsage: boolean): Promise<void> {
  const slowMs = ctx.fault?.kind === 'slow' ? (ctx.fault.delayMs ?? 200) : 0;
  const sse = startSse(ctx, slowMs);
  // With include_usage the real API puts `usage: null` on every chunk but the last.
  const withUsage = includeUsage && answer.usage !== null;
  const chunk = (index: number, delta: Record<string, unknown>, finishReason: string | null): Record<string, unknown> => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: answer.model,
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
    choices: [{ index, delta, logprobs: null, finish_reason: finishReason }],
    ...(withUsage ? { usage: null } : {}),
  });

  let sent = 0;
  const truncateAfter = ctx.fault?.kind === 'truncatedStream' ? 2 : Infinity;
  const emit = async (value: Record<string, unknown>): Promise<boolean> => {
    if (sent >= truncateAfter) {
      sse.destroy();
      return false;
    }
    await sse.event(value);
    sent++;
    return true;
  };

  for (const [index, choice] of answer.choices.entries()) {
    if (!(await emit(chunk(index, { role: 'assistant', content: '', refusal: null }, null)))) return;
    for (const piece of streamPieces(choice.content)) {
      if (!(await emit(chunk(index, { content: piece }, null)))) return;
    }
    if (!(await emit(chunk(index, {}, choice.finishReason)))) return;
  }
  if (withUsage) {
    const { choices: _unused, ...rest } = chunk(0, {}, null);
    if (!(await emit({ ...rest, choices: [], usage: answer.usage }))) return;
  }
  sse.done();
}

export const chatRoutes: RouteDef[] = [{ method: 'POST', pattern: /^\/v1\/chat\/completions$/, handler: createChat }];
