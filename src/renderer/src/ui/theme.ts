import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A soft, muted teal; shade 7 (the primary in light mode) keeps white text above 5:1 contrast. */
const sea: MantineColorsTuple = [
  '#e8f6f3',
  '#d2ece7',
  '#a6d8cf',
  '#77c2b5',
  '#51afa0',
  '#38a092',
  '#258a7d',
  '#1b7369',
  '#135d55',
  '#0b4841',
];

export const theme = createTheme({
  primaryColor: 'sea',
  primaryShade: { light: 7, dark: 5 },
  colors: { sea },
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
  // 16px for ordinary text, including the "sm" size most components use by default.
  fontSizes: { xs: '0.875rem', sm: '1rem', md: '1rem', lg: '1.125rem', xl: '1.3rem' },
  lineHeights: { xs: '1.45', sm: '1.55', md: '1.6', lg: '1.6', xl: '1.6' },
  headings: { fontWeight: '600', sizes: { h1: { fontSize: '1.75rem' }, h2: { fontSize: '1.4rem' }, h3: { fontSize: '1.15rem' } } },
  defaultRadius: 'md',
  cursorType: 'pointer',
  respectReducedMotion: true,
  components: {
    // A badge never shrinks into an ellipsis: its words are short and each one matters.
    Badge: {
      defaultProps: { variant: 'light', radius: 'sm' },
      styles: { root: { textTransform: 'none', fontWeight: 600, minWidth: 'max-content' } },
    },
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } },
    Paper: { defaultProps: { withBorder: true, radius: 'md', p: 'lg' } },
    Tooltip: { defaultProps: { openDelay: 300 } },
    // Choosing the option already chosen keeps it: clearing a choice by clicking it again surprised people.
    Select: { defaultProps: { allowDeselect: false } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});
