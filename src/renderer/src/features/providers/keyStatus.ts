import type { Capabilities, ProviderView } from '../../../../shared/domain/provider';

/** "Key set, ends in abcd · for this session only": what the person may know about a key. */
export function describeKey(provider: ProviderView): string {
  const { key } = provider;
  if (!key.hasKey) return 'No key';
  const set = key.last4 ? `Key set, ends in ${key.last4}` : 'Key set';
  switch (key.storage) {
    case 'secure':
      return `${set} · in the system's secure store`;
    case 'session':
      return `${set} · this session only`;
    case 'file':
      return `${set} · in the key file`;
    case 'env':
      return `${set} · from the environment variable ${provider.apiKeyEnv ?? ''}`.trim();
    default:
      return set;
  }
}

export const capabilityLabels: Record<keyof Capabilities, string> = {
  chat: 'Chat',
  structuredOutput: 'Structured output',
  embeddings: 'Embeddings',
  files: 'Files',
  batches: 'Batches',
  fineTuning: 'Fine-tuning',
  transcription: 'Transcription',
};
