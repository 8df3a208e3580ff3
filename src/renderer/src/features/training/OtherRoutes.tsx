import { Anchor, List, Text } from '@mantine/core';
import { href } from '../../lib/router';

/** The model id field of "Bring your own model"; links to it move the focus there (the hash is the router's). */
export const BYO_FIELD_ID = 'byo-model-id';

export function goToByoForm(): void {
  const field = document.getElementById(BYO_FIELD_ID);
  field?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  field?.focus({ preventScroll: true });
}

export function RegisterBelowLink({ children }: { children: React.ReactNode }) {
  return (
    <Anchor component="button" type="button" onClick={goToByoForm} fz="inherit" style={{ verticalAlign: 'baseline' }}>
      {children}
    </Anchor>
  );
}

/** Where else a model can be trained when a provider will not, each with the way there. */
export function OtherRoutes() {
  return (
    <List size="sm" spacing={4} aria-label="Other ways to train">
      <List.Item>
        <Text span fw={600} size="sm">
          Together AI:
        </Text>{' '}
        add a Together AI provider in <Anchor href={href('settings', 'providers')}>Settings › Providers</Anchor>, then choose Together AI as
        the trainer of a new training run (a LoRA on an open model).
      </List.Item>
      <List.Item>
        <Text span fw={600} size="sm">
          Your own GPU:
        </Text>{' '}
        export a training bundle for Unsloth or Axolotl in <Anchor href={href('datasets')}>Datasets</Anchor>, train it, and serve the result
        (vLLM, Ollama, llama.cpp).
      </List.Item>
      <List.Item>
        <Text span fw={600} size="sm">
          A model trained elsewhere:
        </Text>{' '}
        <RegisterBelowLink>register it below</RegisterBelowLink> with the dataset version and base model it came from.
      </List.Item>
    </List>
  );
}
