/**
 * The session's `redaction` record, read defensively: the contract types it as a plain record. Its
 * detections have the backend's Detection shape ({id, turnIndex, start, end, text, kind, source,
 * confidence}); applied ones add the decision and what replaced the text.
 */
export interface Detection {
  id: string;
  turnIndex: number;
  start: number;
  end: number;
  text: string;
  kind: string;
  source: string;
  confidence: number;
}

export interface AppliedDetection extends Detection {
  decision: 'accepted' | 'rejected';
  replacement: string | null;
}

export type RedactionMode = 'placeholder' | 'surrogate';
export type Decision = 'accepted' | 'rejected';

export type RedactionRecord =
  | {
      status: 'pending';
      mode: RedactionMode;
      detections: Detection[];
      /** Taken in the Personal details queue. */ decisions: Record<string, Decision>;
    }
  | { status: 'applied'; mode: RedactionMode; detections: AppliedDetection[]; appliedAt: string | null }
  | { status: 'clean'; mode: RedactionMode };

function isDetection(value: unknown): value is Detection {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d.id === 'string' &&
    typeof d.turnIndex === 'number' &&
    typeof d.start === 'number' &&
    typeof d.end === 'number' &&
    typeof d.text === 'string' &&
    typeof d.kind === 'string'
  );
}

export function readRedaction(record: Record<string, unknown> | null): RedactionRecord | null {
  if (!record) return null;
  const mode: RedactionMode = record.mode === 'surrogate' ? 'surrogate' : 'placeholder';
  const detections = Array.isArray(record.detections) ? record.detections.filter(isDetection) : [];
  if (record.status === 'pending') {
    const stored = typeof record.decisions === 'object' && record.decisions !== null ? (record.decisions as Record<string, unknown>) : {};
    const decisions = Object.fromEntries(
      Object.entries(stored).filter((e): e is [string, Decision] => e[1] === 'accepted' || e[1] === 'rejected'),
    );
    return { status: 'pending', mode, detections, decisions };
  }
  if (record.status === 'applied') {
    return {
      status: 'applied',
      mode,
      detections: detections.map((d) => {
        const r = d as Partial<AppliedDetection>;
        return {
          ...d,
          decision: r.decision === 'rejected' ? 'rejected' : 'accepted',
          replacement: typeof r.replacement === 'string' ? r.replacement : null,
        };
      }),
      appliedAt: typeof record.appliedAt === 'string' ? record.appliedAt : null,
    };
  }
  if (record.status === 'clean') return { status: 'clean', mode };
  return null;
}

/** Each kind's words and colour (a Mantine colour name), used for highlights, badges and counts. */
export const kinds: Record<string, { label: string; color: string }> = {
  name: { label: 'Name', color: 'grape' },
  place: { label: 'Place', color: 'teal' },
  address: { label: 'Address', color: 'cyan' },
  phone: { label: 'Phone', color: 'orange' },
  email: { label: 'Email', color: 'blue' },
  url: { label: 'Web address', color: 'indigo' },
  date: { label: 'Date', color: 'lime' },
  age: { label: 'Age', color: 'pink' },
  id: { label: 'ID number', color: 'red' },
};

export function kindInfo(kind: string): { label: string; color: string } {
  return kinds[kind] ?? { label: kind, color: 'gray' };
}

export function decisionOf(decisions: Record<string, Decision>, id: string): Decision {
  return decisions[id] ?? 'accepted';
}
