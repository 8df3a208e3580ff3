import {
  IconAdjustments,
  IconBooks,
  IconChartBar,
  IconChecklist,
  IconDatabase,
  IconFileImport,
  IconListCheck,
  IconReceipt,
  IconShieldLock,
  IconRuler2,
  IconSettings,
  IconSparkles,
  IconSwords,
  type Icon,
} from '@tabler/icons-react';
import type { Area } from '../../lib/router';

export interface AreaInfo {
  area: Area;
  label: string;
  icon: Icon;
}

/** The product areas in workflow order, as the navigation lists them. */
export const workAreas: AreaInfo[] = [
  { area: 'study', label: 'Study', icon: IconListCheck },
  { area: 'library', label: 'Library', icon: IconBooks },
  { area: 'import', label: 'Import', icon: IconFileImport },
  { area: 'generate', label: 'Generate', icon: IconSparkles },
  { area: 'review', label: 'Review', icon: IconChecklist },
  { area: 'privacy', label: 'Personal details', icon: IconShieldLock },
  { area: 'rubrics', label: 'Rubrics', icon: IconRuler2 },
  {
    area: 'datasets',
    label: 'Datasets',
    icon: IconDatabase,
  },
  {
    area: 'finetune',
    label: 'Fine-tune',
    icon: IconAdjustments,
  },
  {
    area: 'evaluate',
    label: 'Evaluate',
    icon: IconChartBar,
  },
  {
    area: 'arena',
    label: 'Arena',
    icon: IconSwords,
  },
];

export const toolAreas: AreaInfo[] = [
  { area: 'calls', label: 'Calls', icon: IconReceipt },
  { area: 'settings', label: 'Settings', icon: IconSettings },
];
