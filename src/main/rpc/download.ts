import { createReadStream, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import JSZip from 'jszip';

export interface Download {
  fileName: string;
  contentType: string;
  stream(): Readable;
}

/** Why a path cannot be downloaded, in words for the person who asked. */
export class DownloadRefused extends Error {}

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  jsonl: 'application/jsonl',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/**
 * Browser mode: a file or folder the app wrote (an export, a bundle, a report) as a download. Only
 * paths inside the app's data folder are served, after symlinks are resolved, so the page can fetch
 * what the app wrote and nothing else on the machine. A folder comes as a zip of its files.
 */
export function resolveDownload(root: string, path: string): Download {
  let real: string;
  let rootReal: string;
  try {
    real = realpathSync(path);
    rootReal = realpathSync(root);
  } catch {
    throw new DownloadRefused(`${path} does not exist (any more). Export it again.`);
  }
  const rel = relative(rootReal, real);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) {
    throw new DownloadRefused(
      `Only files the app wrote inside its data folder (${rootReal}) can be downloaded. Export to the default folder to download from the page.`,
    );
  }
  const name = basename(real);
  if (statSync(real).isDirectory()) {
    return { fileName: `${name}.zip`, contentType: 'application/zip', stream: () => zipFolder(real) };
  }
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  return { fileName: name, contentType: contentTypes[ext] ?? 'application/octet-stream', stream: () => createReadStream(real) };
}

function zipFolder(dir: string): Readable {
  const zip = new JSZip();
  const top = basename(dir);
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      // Files are streamed into the zip, never read whole into memory; symlinks are left out.
      else if (entry.isFile()) zip.file(`${top}/${relative(dir, full).split(sep).join('/')}`, createReadStream(full));
    }
  };
  walk(dir);
  return zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE' }) as unknown as Readable;
}
