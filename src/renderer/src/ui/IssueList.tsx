import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { plural } from '../lib/format';

export interface FormIssue {
  key: string;
  /** Which item and field, in words: "Cognitive distortions › distortion 15 › Name". */
  where: string;
  message: string;
}

/**
 * Why a form was not saved, one problem a line, each naming where it is. With `onGoTo` the name is a
 * button that takes the person to the field. Focus lands here (its `id`) after a refused save.
 */
export function IssueList<T extends FormIssue>({ id, issues, onGoTo }: { id: string; issues: T[]; onGoTo: ((issue: T) => void) | null }) {
  return (
    <Alert
      id={id}
      tabIndex={-1}
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={`Not saved: ${plural(issues.length, 'problem')} to fix`}
      role="alert"
    >
      <List size="sm" spacing={4}>
        {issues.map((i, n) => (
          <List.Item key={`${i.key}-${n}`}>
            {onGoTo ? (
              <Anchor component="button" type="button" size="sm" onClick={() => onGoTo(i)} fw={600}>
                {i.where}
              </Anchor>
            ) : (
              <Text span size="sm" fw={600}>
                {i.where}
              </Text>
            )}
            : {i.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
