/** What a folder may hold that the import understands; anything else in a folder is left out. */
const transcriptExtensions = new Set(['txt', 'text', 'md', 'vtt', 'webvtt', 'srt', 'json', 'csv', 'tsv', 'jsonl', 'ndjson', 'docx']);
const mediaExtensions = new Set(['mp3', 'm4a', 'wav', 'ogg', 'flac', 'webm', 'mp4', 'mov', 'mpeg', 'mpga']);

/** For the desktop's file dialog filter, which takes at most 20 extensions. */
export const dialogExtensions = [
  'txt',
  'vtt',
  'srt',
  'json',
  'csv',
  'tsv',
  'jsonl',
  'docx',
  'mp3',
  'm4a',
  'wav',
  'ogg',
  'flac',
  'webm',
  'mp4',
  'mov',
];

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function looksImportable(name: string): boolean {
  const ext = extension(name);
  return !name.startsWith('.') && (transcriptExtensions.has(ext) || mediaExtensions.has(ext));
}

/** The file's bytes as base64 (what `imports.stage` takes), reporting how much has been read. */
export function readAsBase64(file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    reader.onerror = () => reject(new Error(`could not read ${file.name} (${reader.error?.message ?? 'unknown error'})`));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}

/** The first line of a text file (a CSV header), without reading the whole file. */
export async function readHead(file: File): Promise<string> {
  const text = await file.slice(0, 64 * 1024).text();
  return (text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').slice(0, 4000);
}

/** Column names from a CSV header line: the delimiter is whichever of , ; tab | splits it most. */
export function csvColumns(line: string): string[] {
  const delimiters = [',', ';', '\t', '|'];
  const counts = delimiters.map((d) => line.split(d).length);
  const delimiter = delimiters[counts.indexOf(Math.max(...counts))] ?? ',';
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(field.trim());
      field = '';
    } else field += c;
  }
  out.push(field.trim());
  return out.filter(Boolean);
}

/** Column names quoted in the backend's "columns were not recognised" message, when no header was read here. */
export function columnsFromMessage(message: string | null): string[] {
  if (!message) return [];
  const found = /Found: (.*?)\. Missing/.exec(message)?.[1];
  return found ? [...found.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '').filter(Boolean) : [];
}

export interface Picked {
  file: File;
  shownPath: string;
  /** Found in a chosen folder rather than chosen itself: if it turns out not to be a transcript, it is skipped, not failed. */
  inFolder: boolean;
}

/** Files from a file or folder input: folders keep their relative paths, and non-transcripts are left out. */
export function fromInput(list: FileList | null, folder: boolean): { files: Picked[]; skipped: string[] } {
  const files: Picked[] = [];
  const skipped: string[] = [];
  for (const file of Array.from(list ?? [])) {
    const shownPath = file.webkitRelativePath || file.name;
    if (folder && !looksImportable(file.name)) {
      if (!file.name.startsWith('.')) skipped.push(shownPath);
      continue;
    }
    files.push({ file, shownPath, inFolder: folder });
  }
  return { files, skipped };
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Files (and the files inside folders, at any depth) dropped on the page. */
export async function fromDrop(transfer: DataTransfer): Promise<{ files: Picked[]; skipped: string[] }> {
  const entries = Array.from(transfer.items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => Boolean(e));
  if (entries.length === 0) return fromInput(transfer.files, false);
  const files: Picked[] = [];
  const skipped: string[] = [];
  const walk = async (entry: FileSystemEntry, inFolder: boolean): Promise<void> => {
    const shownPath = entry.fullPath.replace(/^\//, '');
    if (entry.isFile) {
      const file = await fileOf(entry as FileSystemFileEntry);
      if (inFolder && !looksImportable(file.name)) {
        if (!file.name.startsWith('.')) skipped.push(shownPath);
        return;
      }
      files.push({ file, shownPath, inFolder });
    } else if (entry.isDirectory) {
      for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) await walk(child, true);
    }
  };
  for (const entry of entries) await walk(entry, false);
  return { files, skipped };
}
