import { Button, Group, NumberInput, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { ModelPrice } from '../../../../shared/domain/model';
import { formatDate } from '../../lib/format';
import { numberOrEmpty } from '../../lib/forms';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { usePrices, useRemovePrice, useSetPrice } from './useModels';

interface Draft {
  inputPerM: number | '';
  outputPerM: number | '';
  cachedInputPerM: number | '';
  trainingPerM: number | '';
}

const fromPrice = (p: ModelPrice): Draft => ({
  inputPerM: p.inputPerM,
  outputPerM: p.outputPerM,
  cachedInputPerM: p.cachedInputPerM ?? '',
  trainingPerM: p.trainingPerM ?? '',
});
const emptyDraft: Draft = { inputPerM: '', outputPerM: '', cachedInputPerM: '', trainingPerM: '' };
const optional = (v: number | '') => (v === '' ? null : v);
const columns: { key: keyof Draft; label: string }[] = [
  { key: 'inputPerM', label: 'Input' },
  { key: 'outputPerM', label: 'Output' },
  { key: 'cachedInputPerM', label: 'Cached input' },
  { key: 'trainingPerM', label: 'Training' },
];

export function PricesPanel() {
  const prices = usePrices();
  return (
    <Stack gap="md">
      <Text c="dimmed">
        US dollars per million tokens. The call ledger uses these to estimate cost; update them when a provider changes its prices. Leave
        cached input or training empty when it does not apply.
      </Text>
      <QueryView query={prices} loading="Loading prices…">
        {(list) => (
          <Table.ScrollContainer minWidth={820}>
            <Table aria-label="Prices per million tokens">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Model</Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c.key}>{c.label}</Table.Th>
                  ))}
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text c="dimmed">No prices yet. Add a row below; without a price, costs show as unknown.</Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {list.map((p) => (
                  <PriceRow key={`${p.model}:${p.updatedAt}`} price={p} />
                ))}
                <NewPriceRow />
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryView>
    </Stack>
  );
}

function DraftCells({ draft, model, onChange }: { draft: Draft; model: string; onChange: (d: Draft) => void }) {
  return (
    <>
      {columns.map((c) => (
        <Table.Td key={c.key}>
          <NumberInput
            aria-label={`${c.label} price for ${model || 'the new model'}`}
            value={draft[c.key]}
            onChange={(v) => onChange({ ...draft, [c.key]: numberOrEmpty(v) })}
            min={0}
            max={10_000}
            decimalScale={4}
            prefix="$"
            hideControls
            w={120}
          />
        </Table.Td>
      ))}
    </>
  );
}

function PriceRow({ price }: { price: ModelPrice }) {
  const [draft, setDraft] = useState(() => fromPrice(price));
  const save = useSetPrice();
  const remove = useRemovePrice();
  const dirty = JSON.stringify(draft) !== JSON.stringify(fromPrice(price));
  const valid = draft.inputPerM !== '' && draft.outputPerM !== '';
  const error = save.error ?? remove.error;
  return (
    <>
      <Table.Tr>
        <Table.Td>
          <Text ff="monospace" size="sm">
            {price.model}
          </Text>
          <Text size="xs" c="dimmed">
            updated {formatDate(price.updatedAt)}
          </Text>
        </Table.Td>
        <DraftCells draft={draft} model={price.model} onChange={setDraft} />
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <Button
              size="xs"
              variant="light"
              disabled={!dirty || !valid}
              loading={save.isPending}
              aria-label={`Save price for ${price.model}`}
              onClick={() =>
                save.mutate({
                  model: price.model,
                  inputPerM: draft.inputPerM || 0,
                  outputPerM: draft.outputPerM || 0,
                  cachedInputPerM: optional(draft.cachedInputPerM),
                  trainingPerM: optional(draft.trainingPerM),
                })
              }
            >
              Save
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate(price.model)}
              aria-label={`Remove price for ${price.model}`}
            >
              Remove
            </Button>
          </Group>
        </Table.Td>
      </Table.Tr>
      {error && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <ErrorAlert error={error} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function NewPriceRow() {
  const [model, setModel] = useState('');
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const save = useSetPrice();
  const valid = model.trim() !== '' && draft.inputPerM !== '' && draft.outputPerM !== '';
  const add = () =>
    save.mutate(
      {
        model: model.trim(),
        inputPerM: draft.inputPerM || 0,
        outputPerM: draft.outputPerM || 0,
        cachedInputPerM: optional(draft.cachedInputPerM),
        trainingPerM: optional(draft.trainingPerM),
      },
      {
        onSuccess: () => {
          setModel('');
          setDraft(emptyDraft);
        },
      },
    );
  return (
    <>
      <Table.Tr>
        <Table.Td>
          <TextInput
            aria-label="Model name for the new price"
            placeholder="Add a model…"
            value={model}
            onChange={(e) => setModel(e.currentTarget.value)}
            spellCheck={false}
          />
        </Table.Td>
        <DraftCells draft={draft} model={model.trim()} onChange={setDraft} />
        <Table.Td>
          <Button size="xs" onClick={add} disabled={!valid} loading={save.isPending}>
            Add row
          </Button>
        </Table.Td>
      </Table.Tr>
      {save.isError && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <ErrorAlert title="Could not add the price" error={save.error} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
