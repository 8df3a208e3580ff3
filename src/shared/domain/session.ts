export const turnRoles = ['system', 'user', 'assistant'] as const;
export type TurnRole = (typeof turnRoles)[number];

export const sessionSources = ['real', 'synthetic', 'sample'] as const;
export type SessionSource = (typeof sessionSources)[number];
export const sessionStatuses = ['draft', 'approved', 'rejected', 'needs_review'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

export interface Turn {
  role: TurnRole;
  text: string;
}

export interface SessionSummary {
  id: string;
  title: string;
  source: SessionSource;
  status: SessionStatus;
  tags: string[];
  turnCount: number;
  /** Tokens as OpenAI counts them; null while not counted yet (an import stores its sessions uncounted; they are counted before reads). */
  tokenCount: number | null;
  judgeScore: number | null;
  originFile: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface SessionDetail extends SessionSummary {
  systemPrompt: string | null;
  notes: string | null;
  metadata: Record<string, unknown>;
  turns: Turn[];
  /** What cleaning did on import, in words and figures. */
  cleaning: Record<string, unknown> | null;
  /** Detected personal details awaiting review, or the report of what was applied. */
  redaction: Record<string, unknown> | null;
}

export interface SessionEdit {
  id: string;
  opId: string;
  at: number;
  kind: string;
  summary: string;
  undone: boolean;
}
