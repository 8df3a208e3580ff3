export const turnRoles = ['system', 'user', 'assistant'] as const;
export type TurnRole = (typeof turnRoles)[number];

export type SessionSource = 'real' | 'synthetic' | 'sample';
export type SessionStatus = 'draft' | 'approved' | 'rejected' | 'needs_review';

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
  createdAt: number;
  updatedAt: number;
}

export interface SessionDetail extends SessionSummary {
  systemPrompt: string | null;
  notes: string | null;
  metadata: Record<string, unknown>;
  turns: Turn[];
}
