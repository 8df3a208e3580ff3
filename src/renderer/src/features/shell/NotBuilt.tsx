import { Anchor, Stack, Text, Title } from '@mantine/core';
import { href } from '../../lib/router';
import type { AreaInfo } from './areas';

/** An honest placeholder: what the area will do, that it is not built, and where to go meanwhile. */
export function NotBuilt({ info }: { info: AreaInfo }) {
  return (
    <Stack gap="sm" maw={720}>
      <Title order={1}>{info.label}</Title>
      <Text>
        {info.comingSoon} It is not built yet; meanwhile you can browse the <Anchor href={href('library')}>Library</Anchor> or set up providers in{' '}
        <Anchor href={href('settings', 'providers')}>Settings</Anchor>.
      </Text>
    </Stack>
  );
}
