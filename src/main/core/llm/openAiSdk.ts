import type * as OpenAiModule from 'openai';

type Sdk = typeof OpenAiModule;

let loading: Promise<Sdk> | null = null;
let loaded: Sdk | null = null;

/**
 * The OpenAI SDK, imported on the first model call rather than at start-up: it is some 270 modules
 * and most of a short command's start-up time (`jobs list`, an import), which make no call at all.
 */
export function openAiSdk(): Promise<Sdk> {
  loading ??= import('openai').then((sdk) => (loaded = sdk));
  return loading;
}

/**
 * The SDK when something has loaded it, else null. An SDK error can only come from an SDK client, so
 * while this is null no error is one of its classes, and a classifier need not load it to know that.
 */
export function loadedOpenAiSdk(): Sdk | null {
  return loaded;
}

/** The SDK's `OpenAI.APIError`, for an instanceof check that does not load the SDK. */
export function isSdkApiError(err: unknown): err is OpenAiModule.APIError {
  const sdk = loadedOpenAiSdk();
  return sdk !== null && err instanceof sdk.APIError;
}
