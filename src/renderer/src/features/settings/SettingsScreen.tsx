import { Tabs } from '@mantine/core';
import { navigate } from '../../lib/router';
import { PageHeader } from '../../ui/PageHeader';
import { ModelsPanel } from '../models/ModelsPanel';
import { PricesPanel } from '../models/PricesPanel';
import { ProvidersPanel } from '../providers/ProvidersPanel';
import { SpeedTestPanel } from '../speedTest/SpeedTestPanel';

const tabs = [
  { value: 'providers', label: 'Providers', panel: <ProvidersPanel /> },
  { value: 'models', label: 'Models', panel: <ModelsPanel /> },
  { value: 'prices', label: 'Prices', panel: <PricesPanel /> },
  { value: 'speed', label: 'Speed test', panel: <SpeedTestPanel /> },
] as const;

export function SettingsScreen({ tab }: { tab: string | null }) {
  const current = tabs.find((t) => t.value === tab)?.value ?? 'providers';
  return (
    <>
      <PageHeader title="Settings" description="Model providers, default models, prices and speed tests for this project." />
      <Tabs value={current} onChange={(v) => v && navigate('settings', v)} keepMounted={false}>
        <Tabs.List mb="lg">
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            {t.panel}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
