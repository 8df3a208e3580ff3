import type { Turn } from '../../../shared/domain/session';
import type { LlmGateway } from '../llm/gateway';
import type { GenerationSettings, Provenance } from './structuredCall';

const END = '[END]';

/**
 * Two agents take turns: the client model sees the conversation from its side (its own lines as
 * assistant), the counselor model from the other. It stops at the turn limit, or when the client says
 * it is done, after which the counselor closes.
 */
export async function twoAgentDialogue(
  gateway: LlmGateway,
  settings: GenerationSettings,
  run: { jobId: string; signal: AbortSignal; seed: number; clientSystem: string; counselorSystem: string; maxTurns: number },
): Promise<{ turns: Turn[]; provenance: Provenance }> {
  const turns: Turn[] = [];
  const provenance: Provenance = {
    jobId: run.jobId,
    prompt: { name: settings.prompt.name, version: settings.prompt.version },
    providerId: settings.providerId,
    model: settings.model,
    temperature: settings.temperature,
    seed: run.seed,
    callIds: [],
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
  };
  const say = async (purpose: string, system: string, history: { role: 'user' | 'assistant'; content: string }[], step: number) => {
    const answer = await gateway.chat({
      providerId: settings.providerId,
      model: settings.model,
      purpose,
      jobId: run.jobId,
      temperature: settings.temperature,
      seed: run.seed + step,
      signal: run.signal,
      messages: [{ role: 'system', content: system }, ...history],
    });
    provenance.callIds.push(answer.callId);
    provenance.tokensIn += answer.usage.tokensIn ?? 0;
    provenance.tokensOut += answer.usage.tokensOut ?? 0;
    provenance.costUsd += answer.costUsd ?? 0;
    return answer.text.trim();
  };
  let ended = false;
  for (let step = 0; turns.length < run.maxTurns && !ended; step++) {
    const clientView = turns.map((t) => ({ role: t.role === 'user' ? ('assistant' as const) : ('user' as const), content: t.text }));
    let clientLine = await say(
      'simulate-client',
      run.clientSystem,
      clientView.length ? clientView : [{ role: 'user', content: 'The session begins. Say what brings you here.' }],
      step * 2,
    );
    if (clientLine.includes(END)) {
      ended = true;
      clientLine = clientLine.replace(END, '').trim();
    }
    if (clientLine) turns.push({ role: 'user', text: clientLine });
    const counselorLine = await say(
      'counselor',
      run.counselorSystem,
      turns.map((t) => ({ role: t.role === 'user' ? ('user' as const) : ('assistant' as const), content: t.text })),
      step * 2 + 1,
    );
    turns.push({ role: 'assistant', text: counselorLine });
  }
  return { turns, provenance };
}
