import { ApiCallError } from '../../../shared/api/client';

/** One sentence for people. The backend writes its messages for them; anything else is wrapped. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  if (error instanceof Error && error.message) return `Something went wrong: ${error.message}`;
  return 'Something went wrong. Please try again.';
}

interface Issue {
  path: string[];
  message: string;
}

/** Field-level messages from an INVALID_INPUT reply (`details.issues`), keyed by the first path part. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiCallError) || error.code !== 'INVALID_INPUT') return {};
  const issues = (error.details as { issues?: Issue[] } | undefined)?.issues ?? [];
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (field !== undefined && out[field] === undefined) out[field] = issue.message;
  }
  return out;
}
