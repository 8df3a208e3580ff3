/** One message of a chat fine-tuning example, as OpenAI's chat format spells it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** OpenAI's per-message switch: 0 keeps an assistant message as context but trains nothing on it. */
  weight?: 0 | 1;
}

export interface ChatExample {
  messages: ChatMessage[];
}

export interface DatasetTurn {
  role: 'user' | 'assistant' | 'system';
  text: string;
}

/** What an exporter receives per session: already split, labelled and stripped of anything host-specific. */
export interface DatasetRecord {
  sessionId: string;
  split: 'train' | 'validation';
  /** 'real' or 'synthetic' for our own sessions; any other string names an outside source. */
  source: string;
  title: string;
  systemPrompt: string | null;
  turns: DatasetTurn[];
  /** Distortion names and other annotations, kept as plain strings so every format can carry them. */
  labels: string[];
  tags: string[];
}

/**
 * The record as one chat example: its system prompt (or the default) first, then its turns in order.
 * A record whose turns already open with a system turn keeps that one alone, so no example carries
 * two competing instructions. No weights are set: every assistant message trains.
 */
export function toChatExample(record: DatasetRecord, defaultSystemPrompt: string | null = null): ChatExample {
  const messages: ChatMessage[] = [];
  const prompt = record.systemPrompt ?? defaultSystemPrompt;
  if (prompt && prompt.trim() && record.turns[0]?.role !== 'system') messages.push({ role: 'system', content: prompt });
  for (const turn of record.turns) messages.push({ role: turn.role, content: turn.text });
  return { messages };
}
