import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ProjectInfo } from '../../../../shared/domain/project';
import { useRoute } from '../../lib/router';
import { ImportWizardProvider } from '../imports/importWizard';
import { JobsDrawer } from '../jobs/JobsDrawer';
import { LibraryStateProvider } from '../library/libraryState';
import { useAppInfo } from '../projects/useProjects';
import { JobsButton } from './JobsButton';
import { LinkBanner } from './LinkBanner';
import { NavBar } from './NavBar';
import { ProjectMenu } from './ProjectMenu';
import { Screen } from './Screen';

export function AppLayout({ project }: { project: ProjectInfo }) {
  const [navOpened, nav] = useDisclosure(false);
  const route = useRoute();
  const info = useAppInfo();
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      footer={{ height: 40 }}
      padding="xl"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Show the navigation" />
            <img src="./icon.svg" alt="" width={32} height={32} />
            <Text fw={700} size="lg" visibleFrom="md">
              Hybrid Data Studio
            </Text>
            <Text c="dimmed" visibleFrom="md" aria-hidden>
              /
            </Text>
            <ProjectMenu project={project} />
          </Group>
          <JobsButton />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar>
        <NavBar current={route.area} onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <LinkBanner />
        {/* Screen state that outlives a visit (library filters, an import in progress) belongs to one project. */}
        <LibraryStateProvider key={project.file}>
          <ImportWizardProvider key={project.file}>
            <Screen route={route} />
          </ImportWizardProvider>
        </LibraryStateProvider>
      </AppShell.Main>
      <AppShell.Footer>
        <Group h="100%" px="md" justify="space-between">
          <Text size="xs" c="dimmed">
            A research tool, not a clinical service.
          </Text>
          {info.data && (
            <Text size="xs" c="dimmed">
              {info.data.name} {info.data.version}
            </Text>
          )}
        </Group>
      </AppShell.Footer>
      <JobsDrawer />
    </AppShell>
  );
}
