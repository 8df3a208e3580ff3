import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useAppInfo, useChooseFile } from './useProjects';

interface PathInputProps {
  label: string;
  description?: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
  mode: 'open' | 'save';
  error?: string | undefined;
  required?: boolean;
}

/**
 * A file path. Browser mode can only type it; the desktop app adds its native file dialog, which
 * fills the same field so the person can still see and edit the path.
 */
export function PathInput({ label, description, placeholder, value, onChange, mode, error, required }: PathInputProps) {
  const info = useAppInfo();
  const choose = useChooseFile();
  const [choosing, setChoosing] = useState(false);
  const desktop = info.data?.desktop === true;
  const pick = async () => {
    setChoosing(true);
    try {
      const file = await choose(mode, label, value || undefined);
      if (file) onChange(file);
    } finally {
      setChoosing(false);
    }
  };
  return (
    <Group align="flex-end" gap="sm" wrap="nowrap">
      <TextInput
        style={{ flex: 1 }}
        label={label}
        description={description}
        placeholder={placeholder ?? (info.data ? `${info.data.projectsDir}/my-project.hds` : undefined)}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        required={required}
        spellCheck={false}
        autoComplete="off"
      />
      {desktop && (
        <Button variant="default" onClick={() => void pick()} loading={choosing}>
          Choose…
        </Button>
      )}
    </Group>
  );
}
