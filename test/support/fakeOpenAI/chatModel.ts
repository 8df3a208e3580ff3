import { ApiError, optionalNumber, requireString } from './http';
import { sampleJsonSchema } from './jsonSchemaSample';
import { prngFor } from './prng';
import type { FakeState } from './state';
import { strictSchemaViolations } from './strictSchemaRules';
import { contentText, countTokens, firstWords, paragraph } from './text';

/**
 * The "model": turns a chat request into deterministic answers. Shared by the chat route and
 * batches so a batch output line is exactly what the live endpoint would have said.
 */

export interface ChatChoice {
  content: string;
  finishReason: 'stop' | 'length';
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

export interface ChatAnswer {
  model: string;
  choices: ChatChoice[];
  /** null when the request asked for `[[fake:usage=none]]`, like providers that omit usage. */
  usage: ChatUsage | null;
}

interface Message {
  role: string;
  content: unknown;
}

// The reply may itself contain `]]` (nested JSON arrays); it ends at the `]]` that closes the
// message or precedes another marker.
const REPLY_MARKER = /\[\[fake:reply=([\s\S]*?)\]\](?=\s*(?:\[\[fake:|$))/;
// `[[fake:reply!=…]]`: the same reply, repeated when the model is asked again (see repeatedScript).
const STUBBORN_MARKER = /\[\[fake:reply!=([\s\S]*?)\]\](?=\s*(?:\[\[fake:|$))/;
const USAGE_NONE_MARKER = '[[fake:usage=none]]';
// `[[fake:pick={"needle": "reply", …}]]`: answers the reply of the first needle found anywhere in
// the request's messages, so one judge prompt can score conversations differently by their content.
const PICK_MARKER = /\[\[fake:pick=(\{[\s\S]*?\})\]\](?=\s*(?:\[\[fake:|$))/;

/**
 * The scripted reply: a reply or pick marker in the last user message, else one in the system
 * message (a system prompt scripting the assistant it sets up, e.g. a model under test).
 */
function scriptedReply(messages: Message[], lastUserText: string): string | undefined {
  const system = messages.find((m) => m.role === 'system');
  for (const source of [lastUserText, system ? contentText(system.content) : '']) {
    const direct = REPLY_MARKER.exec(source)?.[1];
    if (direct !== undefined) return direct;
    const pick = PICK_MARKER.exec(source)?.[1];
    if (pick === undefined) continue;
    const choices = JSON.parse(pick) as Record<string, string>;
    const everything = messages.map((m) => contentText(m.content).replace(PICK_MARKER, '')).join('\n');
    const needle = Object.keys(choices).find((k) => everything.includes(k));
    if (needle !== undefined) return choices[needle];
  }
  return undefined;
}

export function checkModel(state: FakeState, model: string): void {
  if (!state.hasModel(model)) {
    throw new ApiError(
      404,
      `The model \`${model}\` does not exist or you do not have access to it.`,
      'invalid_request_error',
      null,
      'model_not_found',
    );
  }
}

function readMessages(body: Record<string, unknown>): Message[] {
  const raw = body.messages;
  if (raw === undefined)
    throw new ApiError(400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'messages', 'missing_required_parameter');
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ApiError(
      400,
      "Invalid 'messages': empty array. Expected an array with minimum length 1.",
      'invalid_request_error',
      'messages',
      'empty_array',
    );
  }
  return raw.map((m: unknown, i) => {
    if (!m || typeof m !== 'object' || typeof (m as Message).role !== 'string') {
      throw new ApiError(
        400,
        `Missing required parameter: 'messages[${i}].role'.`,
        'invalid_request_error',
        `messages[${i}].role`,
        'missing_required_parameter',
      );
    }
    return m as Message;
  });
}

function schemaOf(
  state: FakeState,
  body: Record<string, unknown>,
): { kind: 'text' } | { kind: 'json_object' } | { kind: 'json_schema'; schema: unknown } {
  const format = body.response_format as
    { type?: unknown; json_schema?: { name?: unknown; schema?: unknown; strict?: unknown } } | undefined | null;
  if (!format || format.type === 'text' || format.type === undefined) return { kind: 'text' };
  if (format.type === 'json_object') return { kind: 'json_object' };
  if (format.type === 'json_schema') {
    if (!format.json_schema || typeof format.json_schema !== 'object') {
      throw new ApiError(
        400,
        "Missing required parameter: 'response_format.json_schema'.",
        'invalid_request_error',
        'response_format.json_schema',
        'missing_required_parameter',
      );
    }
    const { name, schema, strict } = format.json_schema;
    // A schema-strict provider refuses a strict schema outside its supported subset before answering anything.
    const broken = state.schemaStrict && strict === true ? strictSchemaViolations(name, schema) : [];
    if (broken.length > 0) {
      throw new ApiError(
        400,
        `Invalid schema for response_format '${String(name)}': ${broken.slice(0, 3).join('; ')}.`,
        'invalid_request_error',
        'response_format',
        'invalid_json_schema',
      );
    }
    return { kind: 'json_schema', schema: schema ?? {} };
  }
  throw new ApiError(
    400,
    `Invalid value: '${String(format.type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`,
    'invalid_request_error',
    'response_format.type',
    'invalid_value',
  );
}

/**
 * A stubbornly scripted model (`[[fake:reply!=…]]`), asked again right after giving its reply (a
 * repair round: "your answer did not fit, answer again"), gives the same reply, so tests can script
 * an answer that stays wrong. Any other follow-up, and a plain `[[fake:reply=…]]`, gets a fresh answer.
 */
function repeatedScript(messages: Message[]): string | undefined {
  const previous = messages[messages.length - 2];
  if (messages[messages.length - 1]?.role !== 'user' || previous?.role !== 'assistant') return undefined;
  const said = contentText(previous.content);
  for (const m of messages.slice(0, -2).reverse()) {
    if (m.role !== 'user') continue;
    const text = contentText(m.content);
    const script = STUBBORN_MARKER.exec(text)?.[1];
    if (script !== undefined) return script === said ? script : undefined;
    if (REPLY_MARKER.test(text)) return undefined;
  }
  return undefined;
}

export function answerChat(state: FakeState, body: Record<string, unknown>): ChatAnswer {
  const model = requireString(body, 'model');
  checkModel(state, model);
  const messages = readMessages(body);
  const maxTokens = optionalNumber(body, 'max_completion_tokens') ?? optionalNumber(body, 'max_tokens');
  const n = Math.max(1, Math.min(8, optionalNumber(body, 'n') ?? 1));
  const seed = optionalNumber(body, 'seed') ?? null;
  const format = schemaOf(state, body);

  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const lastUserText = lastUser ? contentText(lastUser.content) : '';
  const scripted = STUBBORN_MARKER.exec(lastUserText)?.[1] ?? scriptedReply(messages, lastUserText) ?? repeatedScript(messages);
  const promptTokens = messages.reduce((sum, m) => sum + countTokens(contentText(m.content)), 0);

  const choices: ChatChoice[] = [];
  for (let index = 0; index < n; index++) {
    const prng = prngFor(model, messages, seed, format.kind, index);
    if (scripted !== undefined) {
      choices.push({ content: scripted, finishReason: 'stop' });
    } else if (format.kind === 'json_schema') {
      let value: unknown;
      try {
        value = sampleJsonSchema(format.schema, prng, { strict: state.schemaStrict !== false, minimal: state.schemaStrict === 'minimal' });
      } catch (err) {
        throw new ApiError(
          400,
          `Invalid schema for response_format: ${(err as Error).message}`,
          'invalid_request_error',
          'response_format',
          'invalid_json_schema',
        );
      }
      choices.push({ content: JSON.stringify(value), finishReason: 'stop' });
    } else if (format.kind === 'json_object') {
      choices.push({ content: JSON.stringify({ answer: paragraph(prng, prng.int(4, 10)).join(' ') }), finishReason: 'stop' });
    } else {
      const full = paragraph(prng, prng.int(8, 24)).join(' ');
      const capped = maxTokens !== undefined && countTokens(full) > maxTokens;
      choices.push({ content: capped ? firstWords(full, Math.max(1, maxTokens)) : full, finishReason: capped ? 'length' : 'stop' });
    }
  }

  const completionTokens = choices.reduce((sum, c) => sum + countTokens(c.content), 0);
  const usage: ChatUsage | null = lastUserText.includes(USAGE_NONE_MARKER)
    ? null
    : {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      };
  return { model, choices, usage };
}

export function chatCompletionObject(id: string, created: number, answer: ChatAnswer): Record<string, unknown> {
  const completion: Record<string, unknown> = {
    id,
    object: 'chat.completion',
    created,
    model: answer.model,
    choices: answer.choices.map((c, index) => ({
      index,
      message: { role: 'assistant', content: c.content, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: c.finishReason,
    })),
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  };
  if (answer.usage) completion.usage = answer.usage;
  return completion;
}

/** Token-sized pieces (" word", punctuation glued on) so streams look like a real model's. */
export function streamPieces(content: string): string[] {
  return content.match(/[^\p{L}\p{N}]*[\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu) ?? (content ? [content] : []);
}
