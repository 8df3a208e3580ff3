/** Looks and number parsing the rubric editor's fields share. */
export const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
export const num = (v: number | string): number | '' => (typeof v === 'number' ? v : '');
