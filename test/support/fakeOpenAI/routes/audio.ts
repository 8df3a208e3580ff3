import { ApiError, send, sendJson, type Ctx, type RouteDef } from '../http';
import { createPrng, hashBytes } from '../prng';
import { paragraph } from '../text';

const MAX_BYTES = 25 * 1024 * 1024;

interface Segment {
  start: number;
  end: number;
  text: string;
}

/** Real length for WAV (so fixtures get believable timings); otherwise a 128 kbit/s guess. */
export function audioDurationSec(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length >= 12 && tag(0) === 'RIFF' && tag(8) === 'WAVE') {
    let byteRate = 0;
    for (let at = 12; at + 8 <= bytes.length;) {
      const size = view.getUint32(at + 4, true);
      if (tag(at) === 'fmt ' && at + 16 <= bytes.length) byteRate = view.getUint32(at + 16, true);
      if (tag(at) === 'data' && byteRate > 0) return Math.max(0.1, Math.round((size / byteRate) * 100) / 100);
      at += 8 + size + (size % 2);
    }
  }
  return Math.max(1, Math.round((bytes.length / 16_000) * 100) / 100);
}

/** Sentences spread over the audio in proportion to their length. */
function transcribe(bytes: Uint8Array): { duration: number; segments: Segment[] } {
  const duration = audioDurationSec(bytes);
  const prng = createPrng(hashBytes(bytes));
  const sentences = paragraph(prng, Math.max(6, Math.min(400, Math.round(duration * 2.5))));
  const weights = sentences.map((s) => s.split(' ').length);
  const total = weights.reduce((a, b) => a + b, 0);
  const round = (v: number): number => Math.round(v * 100) / 100;
  let cursor = 0;
  const segments = sentences.map((text, i) => {
    const start = cursor;
    cursor += ((weights[i] ?? 1) / total) * duration;
    return { start: round(start), end: round(cursor), text };
  });
  return { duration, segments };
}

function timestamp(sec: number, sep: ',' | '.'): string {
  const ms = Math.round(sec * 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${sep}${pad(ms % 1000, 3)}`;
}

async function createTranscription(ctx: Ctx): Promise<void> {
  const form = ctx.form;
  if (!form) throw new ApiError(400, 'Invalid Content-Type header (expected multipart/form-data).');
  const file = form.get('file');
  if (!file || typeof file === 'string')
    throw new ApiError(400, "Missing required parameter: 'file'.", 'invalid_request_error', 'file', 'missing_required_parameter');
  const model = form.get('model');
  if (typeof model !== 'string')
    throw new ApiError(400, "Missing required parameter: 'model'.", 'invalid_request_error', 'model', 'missing_required_parameter');
  if (!/whisper|transcribe/.test(model))
    throw new ApiError(400, `Invalid model ${model} for transcription.`, 'invalid_request_error', 'model', 'invalid_value');
  const format = String(form.get('response_format') ?? 'json');
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) throw new ApiError(400, 'Audio file is empty.', 'invalid_request_error', 'file', 'invalid_value');
  if (bytes.length > MAX_BYTES)
    throw new ApiError(413, `Maximum content size limit (${MAX_BYTES}) exceeded.`, 'invalid_request_error', 'file', null);

  // Same compatibility rules as the real models: only whisper has timestamps, only -diarize has speakers.
  const allowed = model.includes('diarize')
    ? ['json', 'text', 'diarized_json']
    : model.startsWith('whisper')
      ? ['json', 'text', 'srt', 'vtt', 'verbose_json']
      : ['json', 'text'];
  if (!allowed.includes(format)) {
    throw new ApiError(
      400,
      `response_format '${format}' is not compatible with model '${model}'. Use ${allowed.map((f) => `'${f}'`).join(' or ')}.`,
      'invalid_request_error',
      'response_format',
      'unsupported_value',
    );
  }

  const { duration, segments } = transcribe(bytes);
  const text = segments.map((s) => s.text).join(' ');
  const usage = { type: 'duration', seconds: Math.ceil(duration) };
  switch (format) {
    case 'text':
      return send(ctx, 200, 'text/plain; charset=utf-8', `${text}\n`);
    case 'srt':
      return send(
        ctx,
        200,
        'text/plain; charset=utf-8',
        segments.map((s, i) => `${i + 1}\n${timestamp(s.start, ',')} --> ${timestamp(s.end, ',')}\n${s.text}\n`).join('\n'),
      );
    case 'vtt':
      return send(
        ctx,
        200,
        'text/plain; charset=utf-8',
        `WEBVTT\n\n${segments.map((s) => `${timestamp(s.start, '.')} --> ${timestamp(s.end, '.')}\n${s.text}\n`).join('\n')}`,
      );
    case 'verbose_json':
      return sendJson(ctx, {
        task: 'transcribe',
        language: 'english',
        duration,
        text,
        segments: segments.map((s, id) => ({
          id,
          seek: 0,
          start: s.start,
          end: s.end,
          text: ` ${s.text}`,
          tokens: [],
          temperature: 0,
          avg_logprob: -0.2,
          compression_ratio: 1.3,
          no_speech_prob: 0.01,
        })),
        usage,
      });
    case 'diarized_json':
      return sendJson(ctx, {
        task: 'transcribe',
        duration,
        text,
        // Alternating speakers, as in a two-person session.
        segments: segments.map((s, i) => ({
          type: 'transcript.text.segment',
          id: `seg_${i}`,
          start: s.start,
          end: s.end,
          text: s.text,
          speaker: i % 2 === 0 ? 'A' : 'B',
        })),
        usage,
      });
    default:
      return sendJson(ctx, { text, usage });
  }
}

export const audioRoutes: RouteDef[] = [{ method: 'POST', pattern: /^\/v1\/audio\/transcriptions$/, handler: createTranscription }];
