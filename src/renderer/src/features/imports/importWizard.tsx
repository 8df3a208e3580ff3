import { createContext, useCallback, useContext, useMemo, useReducer, type ReactNode } from 'react';
import type { CleaningChoices, CsvMapping, ImportFormat, SpeakerRole } from '../../../../shared/domain/importing';
import type { JobSummary } from '../../../../shared/domain/job';
import { useApi } from '../../api/ApiProvider';
import { errorMessage } from '../../lib/errors';
import { readAsBase64, readHead, type Picked } from './readFile';

export type WizardStep = 0 | 1 | 2 | 3;

/** A file on its way in: read in the page and staged (browser), or picked on disk (desktop). */
export interface ChosenFile {
  id: string;
  name: string;
  /** Where it sits in a chosen folder ("sessions/2024/a.vtt"), for showing. */
  shownPath: string;
  size: number | null;
  /** The path the backend reads: staged copy or the file itself. */
  path: string | null;
  status: 'reading' | 'sending' | 'ready' | 'failed';
  /** 0..1 while reading. */
  progress: number;
  error: string | null;
  /** The first line, kept for CSV files so their columns can be offered for mapping. */
  firstLine: string | null;
  /** Found in a chosen folder: one that is not a transcript (a README) is skipped rather than failed. */
  inFolder: boolean;
}

export interface FileOverride {
  format?: ImportFormat;
  csvMapping?: CsvMapping;
}

export type Cleaning = Required<CleaningChoices>;

export const defaultCleaning: Cleaning = {
  stripTimestamps: true,
  stripCaptionArtifacts: true,
  removeFillers: false,
  normalizeText: true,
  mergeConsecutive: true,
  dropEmpty: true,
  addSystemPrompt: true,
  maxTokens: 65_536,
};

export interface WizardState {
  step: WizardStep;
  files: ChosenFile[];
  /** Files a folder held that are not transcripts ("notes.pdf"), said once and left out. */
  skipped: string[];
  overrides: Record<string, FileOverride>;
  roles: Record<string, SpeakerRole>;
  fileRoles: Record<string, Record<string, SpeakerRole>>;
  cleaning: Cleaning;
  redaction: 'off' | 'review' | 'apply';
  redactionMode: 'placeholder' | 'surrogate';
  tags: string[];
  /** The import jobs started (one per group of files with the same format choice), as they started. */
  jobs: JobSummary[];
  /** Files left out at the start because they cannot be read, or (found in a folder) are not transcripts, with why. */
  leftOut: { name: string; reason: string; notTranscript: boolean }[];
  startError: string | null;
}

const initial: WizardState = {
  step: 0,
  files: [],
  skipped: [],
  overrides: {},
  roles: {},
  fileRoles: {},
  cleaning: defaultCleaning,
  redaction: 'review',
  redactionMode: 'placeholder',
  tags: [],
  jobs: [],
  leftOut: [],
  startError: null,
};

type Action =
  | { type: 'step'; step: WizardStep }
  | { type: 'add'; files: ChosenFile[]; skipped?: string[] }
  | { type: 'file'; id: string; patch: Partial<ChosenFile> }
  | { type: 'removeFile'; id: string }
  | { type: 'override'; path: string; override: FileOverride }
  | { type: 'fileRole'; path: string; speaker: string; role: SpeakerRole }
  | { type: 'roleForAll'; speaker: string; role: SpeakerRole }
  | { type: 'cleaning'; patch: Partial<Cleaning> }
  | { type: 'redaction'; redaction?: WizardState['redaction']; mode?: WizardState['redactionMode'] }
  | { type: 'tags'; tags: string[] }
  | { type: 'started'; jobs: JobSummary[]; leftOut: WizardState['leftOut'] }
  | { type: 'startError'; message: string | null }
  | { type: 'reset' };

function reducer(state: WizardState, action: Action): WizardState {
  switch (action.type) {
    case 'step':
      return { ...state, step: action.step };
    case 'add': {
      const known = new Set(state.files.map((f) => f.path).filter(Boolean));
      const fresh = action.files.filter((f) => !f.path || !known.has(f.path));
      return { ...state, files: [...state.files, ...fresh], skipped: [...state.skipped, ...(action.skipped ?? [])] };
    }
    case 'file':
      return { ...state, files: state.files.map((f) => (f.id === action.id ? { ...f, ...action.patch } : f)) };
    case 'removeFile':
      return { ...state, files: state.files.filter((f) => f.id !== action.id) };
    case 'override':
      return { ...state, overrides: { ...state.overrides, [action.path]: action.override } };
    case 'fileRole':
      return {
        ...state,
        fileRoles: { ...state.fileRoles, [action.path]: { ...state.fileRoles[action.path], [action.speaker]: action.role } },
      };
    case 'roleForAll': {
      // One choice for every file: it replaces the per-file ones for this speaker.
      const fileRoles = Object.fromEntries(
        Object.entries(state.fileRoles).map(([path, roles]) => [
          path,
          Object.fromEntries(Object.entries(roles).filter(([speaker]) => speaker !== action.speaker)),
        ]),
      );
      return { ...state, roles: { ...state.roles, [action.speaker]: action.role }, fileRoles };
    }
    case 'cleaning':
      return { ...state, cleaning: { ...state.cleaning, ...action.patch } };
    case 'redaction':
      return { ...state, redaction: action.redaction ?? state.redaction, redactionMode: action.mode ?? state.redactionMode };
    case 'tags':
      return { ...state, tags: action.tags };
    case 'started':
      return { ...state, jobs: action.jobs, leftOut: action.leftOut, startError: null, step: 3 };
    case 'startError':
      return { ...state, startError: action.message };
    case 'reset':
      return initial;
  }
}

interface WizardContextValue {
  state: WizardState;
  dispatch: (action: Action) => void;
  /** Reads and stages files dropped or picked in the page. */
  addLocalFiles(files: Picked[], skipped?: string[]): void;
  /** Adds files the backend can read where they are (desktop: picked in the native dialog). */
  addPaths(paths: string[]): void;
}

const WizardContext = createContext<WizardContextValue | null>(null);

let fileSeq = 0;
const STAGE_CONCURRENCY = 3;

/**
 * The import wizard's state lives above the screen, so leaving the Import area (to look at the
 * library, say) and coming back finds the files, choices and running import where they were.
 */
export function ImportWizardProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [state, dispatch] = useReducer(reducer, initial);

  const addLocalFiles = useCallback(
    (picked: Picked[], skipped: string[] = []) => {
      const entries = picked.map(({ file, shownPath, inFolder }) => ({
        file,
        chosen: {
          id: `file-${++fileSeq}`,
          name: file.name,
          shownPath,
          size: file.size,
          path: null,
          status: 'reading',
          progress: 0,
          error: null,
          firstLine: null,
          inFolder,
        } satisfies ChosenFile,
      }));
      dispatch({ type: 'add', files: entries.map((e) => e.chosen), skipped });
      const queue = [...entries];
      const stageOne = async ({ file, chosen }: (typeof entries)[number]) => {
        const update = (patch: Partial<ChosenFile>) => dispatch({ type: 'file', id: chosen.id, patch });
        try {
          const firstLine = /\.(csv|tsv)$/i.test(file.name) ? await readHead(file) : null;
          const base64 = await readAsBase64(file, (progress) => update({ progress }));
          update({ status: 'sending', progress: 1, firstLine });
          const { path } = await api.imports.stage({ name: file.name, contentBase64: base64 });
          update({ status: 'ready', path });
        } catch (err) {
          update({ status: 'failed', error: errorMessage(err) });
        }
      };
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await stageOne(next);
      };
      for (let i = 0; i < Math.min(STAGE_CONCURRENCY, queue.length); i++) void worker();
    },
    [api],
  );

  const addPaths = useCallback((paths: string[]) => {
    dispatch({
      type: 'add',
      files: paths.map((path) => {
        const name = path.split(/[\\/]/).pop() ?? path;
        return {
          id: `file-${++fileSeq}`,
          name,
          shownPath: path,
          size: null,
          path,
          status: 'ready',
          progress: 1,
          error: null,
          firstLine: null,
          inFolder: false,
        };
      }),
    });
  }, []);

  const value = useMemo(() => ({ state, dispatch, addLocalFiles, addPaths }), [state, addLocalFiles, addPaths]);
  return <WizardContext.Provider value={value}>{children}</WizardContext.Provider>;
}

export function useImportWizard(): WizardContextValue {
  const value = useContext(WizardContext);
  if (!value) throw new Error('useImportWizard must be used inside <ImportWizardProvider>');
  return value;
}
