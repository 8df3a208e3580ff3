// Redaction of personal details in transcripts: detect, let a person accept or reject each
// detection, apply placeholders or surrogates, keep a report. Plain Node, no Electron.
export { detectPii } from './detect';
export { applyRedactions, type ApplyOptions } from './replace';
export {
  scoreDetections,
  formatScores,
  parseMarkedSet,
  scoreMarkedSet,
  type GoldSpan,
  type KindScore,
  type MarkedSession,
  type Scores,
} from './evaluate';
export {
  piiKinds,
  type PiiKind,
  type Detection,
  type DetectOptions,
  type Decision,
  type Decisions,
  type RedactionMode,
  type RedactionReport,
  type ReportedDetection,
  type RedactionTurn,
} from './types';
export { sessionEntities, spreadDecisions, type SessionEntity } from './decisions';
