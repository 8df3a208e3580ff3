import { describe, expect, it } from 'vitest';
import { isChatModel, modelsForRole, suggestRoleDefaults } from '../../src/shared/domain/model';

/** What an OpenAI account lists, in its own order: chat, embedding, speech, image and moderation models mixed. */
const openAiList = [
  'text-embedding-3-small',
  'whisper-1',
  'tts-1-hd',
  'dall-e-3',
  'omni-moderation-latest',
  'gpt-4o-audio-preview',
  'gpt-4o-realtime-preview',
  'gpt-4o-transcribe',
  'gpt-4o-mini',
  'gpt-4.1',
  'gpt-4o',
  'gpt-image-1',
  'babbage-002',
];

describe('model kinds', () => {
  it('offers chat roles only models that can chat', () => {
    expect(openAiList.filter(isChatModel)).toEqual(['gpt-4o-mini', 'gpt-4.1', 'gpt-4o']);
    expect(modelsForRole('judge', ['nomic-embed-text', 'llama3.1:8b', 'qwen2.5:7b'])).toEqual(['llama3.1:8b', 'qwen2.5:7b']);
  });

  it('offers the transcriber only speech-to-text models', () => {
    expect(modelsForRole('transcriber', openAiList)).toEqual(['whisper-1', 'gpt-4o-transcribe']);
  });

  it('suggests a default per role from what a provider lists, a strong judge and a cheap simulated client', () => {
    expect(Object.fromEntries(suggestRoleDefaults(openAiList).map((s) => [s.role, s.modelId]))).toEqual({
      generator: 'gpt-4o',
      judge: 'gpt-4.1',
      patientSimulator: 'gpt-4o-mini',
      counselor: 'gpt-4o-mini',
      transcriber: 'gpt-4o-transcribe',
    });
  });

  it('falls back to the first fitting model, and leaves out a role nothing fits', () => {
    const local = ['nomic-embed-text', 'mistral:7b', 'phi3:mini'];
    expect(suggestRoleDefaults(local)).toEqual([
      { role: 'generator', modelId: 'mistral:7b' },
      { role: 'judge', modelId: 'mistral:7b' },
      { role: 'patientSimulator', modelId: 'mistral:7b' },
      { role: 'counselor', modelId: 'mistral:7b' },
    ]);
    expect(suggestRoleDefaults(['text-embedding-3-small'])).toEqual([]);
  });
});
