import { plural } from '../../lib/format';

/** Files a chosen folder held that are not transcripts, said the same way in the picker, the preview and the report. */
export const notTranscriptsSkipped = (n: number): string =>
  `${plural(n, 'file')} skipped (not ${n === 1 ? 'a transcript' : 'transcripts'})`;
