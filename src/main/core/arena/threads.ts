import type { ArenaMessage } from '../../../shared/api/arena';

export { thread } from '../../../shared/domain/arenaThread';

/** The thread as the model reads it: the answers so far (a stopped one as far as it got), failed ones left out. */
export function chatHistory(messages: readonly ArenaMessage[]): { role: 'user' | 'assistant'; content: string }[] {
  return messages.filter((m) => m.status !== 'error' && m.text.trim() !== '').map((m) => ({ role: m.role, content: m.text }));
}
