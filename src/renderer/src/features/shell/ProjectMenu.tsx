import { Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconFolder, IconFolderOpen, IconInfoCircle, IconPlus, IconX } from '@tabler/icons-react';
import type { ProjectInfo } from '../../../../shared/domain/project';
import { navigate } from '../../lib/router';
import { useCloseProject, useOpenProject, useRecentProjects } from '../projects/useProjects';

/** The open project's name in the header, and what can be done with projects from anywhere. */
export function ProjectMenu({ project }: { project: ProjectInfo }) {
  const recent = useRecentProjects();
  const open = useOpenProject();
  const close = useCloseProject();
  const others = (recent.data ?? []).filter((r) => r.file !== project.file && r.exists).slice(0, 5);
  return (
    <Menu position="bottom-start" width={300} shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          rightSection={<IconChevronDown size={16} aria-hidden />}
          leftSection={<IconFolder size={18} aria-hidden />}
          aria-label={`Project: ${project.name}. Project menu`}
        >
          <Text fw={600} truncate maw={280}>
            {project.name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconInfoCircle size={16} aria-hidden />} onClick={() => navigate('project')}>
          Project details
        </Menu.Item>
        <Menu.Item leftSection={<IconPlus size={16} aria-hidden />} onClick={() => navigate('project')}>
          New project…
        </Menu.Item>
        <Menu.Item leftSection={<IconFolderOpen size={16} aria-hidden />} onClick={() => navigate('project')}>
          Open a project…
        </Menu.Item>
        {others.length > 0 && (
          <>
            <Menu.Divider />
            <Menu.Label>Recent</Menu.Label>
            {others.map((r) => (
              <Menu.Item key={r.file} onClick={() => open.mutate(r.file)}>
                {r.name}
              </Menu.Item>
            ))}
          </>
        )}
        <Menu.Divider />
        <Menu.Item leftSection={<IconX size={16} aria-hidden />} onClick={() => close.mutate()}>
          Close project
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
