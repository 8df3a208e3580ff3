import { NumberInput } from '@mantine/core';
import { numberOrEmpty } from '../lib/forms';

/** A sampling temperature: 0 to 2 in tenths; '' while empty, and the description says what empty means. */
export function TemperatureInput({
  label = 'Temperature',
  description,
  value,
  onChange,
}: {
  label?: string;
  description?: string;
  value: number | '';
  onChange(value: number | ''): void;
}) {
  return (
    <NumberInput
      label={label}
      description={description}
      min={0}
      max={2}
      step={0.1}
      decimalScale={2}
      value={value}
      onChange={(v) => onChange(numberOrEmpty(v))}
    />
  );
}
