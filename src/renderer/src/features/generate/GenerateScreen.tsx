import { Badge, Group, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import type { DomainPack } from '../../../../shared/domain/domainPack';
import { PageHeader } from '../../ui/PageHeader';
import { QueryView } from '../../ui/QueryView';
import { useProviders } from '../providers/useProviders';
import { DomainPackStep } from './DomainPackStep';
import { PersonasStep } from './PersonasStep';
import { PromptsStep } from './PromptsStep';
import { NeedsProvider } from '../../ui/NeedsProvider';
import { ScenariosStep } from './ScenariosStep';
import { SessionsStep } from './SessionsStep';
import { useDomainPack } from './useGeneration';

/** The Personas step's choices are distortion and style ids: when those lists change, it starts afresh rather than keep ids that are gone. */
function cellsKey(pack: DomainPack): string {
  return `${pack.distortions.map((d) => d.id).join(',')}|${pack.styles.map((s) => s.id).join(',')}`;
}

/** Personas, then scenarios for them, then sessions from the scenarios: three steps on one screen. */
export function GenerateScreen() {
  const pack = useDomainPack();
  const providers = useProviders();
  const [tab, setTab] = useState<string | null>('personas');
  const [packDirty, setPackDirty] = useState(false);
  return (
    <Stack gap={0}>
      <PageHeader
        title="Generate"
        description="Synthetic clients (personas), situations for them (scenarios) and counseling sessions, written by your generator model."
      />
      {providers.data?.length === 0 && <NeedsProvider />}
      <QueryView query={pack} loading="Loading the taxonomy…">
        {(p) => (
          <Tabs value={tab} onChange={setTab}>
            <Tabs.List mb="md">
              <Tabs.Tab value="personas">1. Personas</Tabs.Tab>
              <Tabs.Tab value="scenarios">2. Scenarios</Tabs.Tab>
              <Tabs.Tab value="sessions">3. Sessions</Tabs.Tab>
              <Tabs.Tab value="prompts">Prompts</Tabs.Tab>
              <Tabs.Tab value="pack">
                <Group gap={6} wrap="nowrap">
                  Domain pack
                  {packDirty && (
                    <Badge size="xs" color="yellow" variant="light" tt="none">
                      unsaved
                    </Badge>
                  )}
                </Group>
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="personas">
              <PersonasStep key={cellsKey(p)} pack={p} />
            </Tabs.Panel>
            <Tabs.Panel value="scenarios">
              <ScenariosStep pack={p} />
            </Tabs.Panel>
            <Tabs.Panel value="sessions">
              <SessionsStep />
            </Tabs.Panel>
            <Tabs.Panel value="prompts">
              <PromptsStep />
            </Tabs.Panel>
            <Tabs.Panel value="pack">
              <DomainPackStep pack={p} onDirtyChange={setPackDirty} />
            </Tabs.Panel>
          </Tabs>
        )}
      </QueryView>
    </Stack>
  );
}
