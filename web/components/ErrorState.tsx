import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../api.ts';
import { errorMessage } from './error-message.ts';

/** What went wrong and what to do next. */
export function nextStep(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Reload the page; if it happens again, tell your admin.';
  switch (error.code) {
    case 'network':
      return 'Check your connection, then retry.';
    case 'unauthenticated':
      return 'Your session ended: sign in again.';
    case 'forbidden':
      return 'Your role does not allow this. Ask an admin if you need it.';
    case 'not_found':
      return 'It may have been removed, or you may not have access to it.';
    case 'precondition_failed':
      return 'Someone changed it meanwhile: the page now shows their version; redo your change.';
    case 'invalid_input':
      return 'Correct the highlighted fields and try again.';
    case 'conflict':
      return 'It clashes with the current state: reload and check.';
    case 'rate_limited':
      return 'Too many attempts: wait a few minutes and retry.';
    default:
      return `Retry in a moment. If it persists, give your admin the request id ${error.requestId ?? ''}.`;
  }
}

export { errorMessage };

export function ErrorState({
  error,
  title = 'This could not be loaded',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      icon={<IconAlertTriangle size={18} />}
      role="alert"
    >
      <Text size="sm">{errorMessage(error)}</Text>
      <Text size="sm" c="dimmed">
        {nextStep(error)}
      </Text>
      {onRetry && (
        <Group mt="xs">
          <Button variant="light" color="red" onClick={onRetry}>
            Retry
          </Button>
        </Group>
      )}
    </Alert>
  );
}
