// A DOCX is a zip archive; a small one can unpack to gigabytes of XML (a "zip bomb"). Before the
// Word library unpacks anything, every part is inflated here with a hard cap on its output, so the
// archive's real unpacked size is known (a header may lie about it) and bounded.
import { inflateRawSync } from 'node:zlib';
import { TranscriptFormatError } from '../types';

export const MAX_DOCX_UNPACKED_MB = 100;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function endOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  throw new TranscriptFormatError(
    'This is not a readable Word document (.docx): it is not a DOCX (zip) archive. Old .doc files must be saved as .docx first.',
  );
}

const damaged = (why: string) =>
  new TranscriptFormatError(`This Word document (.docx) is damaged: ${why}. Open it in Word or LibreOffice and save it again.`);

/** Inflates every part once with a cap; throws when the total passes `maxMb`. Returns the unpacked byte count. */
export function checkUnpackedSize(bytes: Uint8Array, maxMb = MAX_DOCX_UNPACKED_MB): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = endOfCentralDirectory(view);
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const budget = maxMb * 1024 * 1024;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw damaged('its table of contents is cut short');
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    at += 46 + nameLength + extraLength + commentLength;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) throw damaged('a part points outside the file');
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(dataStart, dataStart + compressed);
    const left = budget - total;
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: left + 1 }).length;
      } catch (e) {
        if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') size = left + 1;
        else throw damaged('a part cannot be unpacked');
      }
    } else throw damaged(`a part uses a compression method (${method}) Word does not write`);
    total += size;
    if (total > budget) {
      throw new TranscriptFormatError(
        `This DOCX unpacks to more than ${maxMb} MB, far more than any transcript; it may be a "zip bomb" and was not opened. If it is a real document, open it in Word and save the text as .txt or .docx again.`,
      );
    }
  }
  return total;
}
