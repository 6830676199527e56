import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { errorMessage, nextStep } from '../../components/ErrorState.tsx';
import { isStale } from './useCase.ts';

/**
 * Why an edit made in place was not saved, beside what was typed (which is kept). When someone
 * else changed the case first, their version is one click away; saving again replaces it.
 */
export function EditRefusal({
  error,
  onShowCurrent,
}: {
  error: unknown;
  onShowCurrent: () => void;
}) {
  if (!isStale(error))
    return (
      <Alert
        color="red"
        variant="light"
        title="Not saved"
        role="alert"
        icon={<IconAlertTriangle size={18} />}
      >
        <Text size="sm">
          {errorMessage(error)} {nextStep(error)}
        </Text>
      </Alert>
    );
  return (
    <Alert
      color="red"
      variant="light"
      title="Someone else changed this case"
      role="alert"
      icon={<IconAlertTriangle size={18} />}
    >
      <Text size="sm">
        Your change was not saved: the case changed after you opened it. What you typed is still
        here; save again to replace their version, or look at theirs first.
      </Text>
      <Group mt="xs">
        <Button size="xs" variant="light" color="red" onClick={onShowCurrent}>
          Show the current version
        </Button>
      </Group>
    </Alert>
  );
}
