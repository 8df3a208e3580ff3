import { Divider, NavLink, ScrollArea, Stack } from '@mantine/core';
import type { Area } from '../../lib/router';
import { href } from '../../lib/router';
import { toolAreas, workAreas, type AreaInfo } from './areas';

function Item({ info, active, onNavigate }: { info: AreaInfo; active: boolean; onNavigate: () => void }) {
  const Icon = info.icon;
  return (
    <NavLink
      component="a"
      href={href(info.area)}
      label={info.label}
      leftSection={<Icon size={20} stroke={1.6} aria-hidden />}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onNavigate}
      styles={{ root: { borderRadius: 'var(--mantine-radius-md)' } }}
    />
  );
}

export function NavBar({ current, onNavigate }: { current: Area; onNavigate: () => void }) {
  return (
    <ScrollArea type="auto">
      <Stack component="nav" aria-label="Main" gap={2} p="sm">
        {workAreas.map((info) => (
          <Item key={info.area} info={info} active={current === info.area} onNavigate={onNavigate} />
        ))}
        <Divider my="sm" />
        {toolAreas.map((info) => (
          <Item key={info.area} info={info} active={current === info.area} onNavigate={onNavigate} />
        ))}
      </Stack>
    </ScrollArea>
  );
}
