import { Container, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { CreateProjectForm, OpenProjectForm } from './ProjectForms';
import { RecentProjects } from './RecentProjects';

/** Shown when no project is open: everything else needs one. */
export function WelcomeScreen() {
  return (
    <Container size="lg" py="xl">
      <Stack gap="xl">
        <Stack gap="xs">
          <Title order={1}>Welcome to Hybrid Data Studio</Title>
          <Text c="dimmed" size="lg">
            Combine real counseling transcripts with synthetic sessions, fine-tune a model, and measure which mix works better. Start by
            creating a project or opening one you worked on before.
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Paper component="section" aria-labelledby="welcome-new">
            <Title order={2} id="welcome-new" mb="md">
              Create a project
            </Title>
            <CreateProjectForm />
          </Paper>
          <Paper component="section" aria-labelledby="welcome-open">
            <Title order={2} id="welcome-open" mb="md">
              Open a project
            </Title>
            <OpenProjectForm />
          </Paper>
        </SimpleGrid>
        <Paper component="section" aria-labelledby="welcome-recent">
          <Title order={2} id="welcome-recent" mb="md">
            Recent projects
          </Title>
          <RecentProjects />
        </Paper>
        <Text size="sm" c="dimmed">
          A research tool, not a clinical service.
        </Text>
      </Stack>
    </Container>
  );
}
