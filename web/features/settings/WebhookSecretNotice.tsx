import { Alert, Button, Code, CopyButton, Group, Text } from '@mantine/core';

/** A signing secret, shown the one time the server gives it, with a copy button. */
export function WebhookSecretNotice({
  title,
  secret,
  onClose,
}: {
  title: string;
  secret: string;
  onClose: () => void;
}) {
  return (
    <Alert
      color="green"
      variant="light"
      title={title}
      withCloseButton
      closeButtonLabel="Dismiss the secret"
      onClose={onClose}
      // The light green title on light green falls short of the 4.5:1 contrast text needs.
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      <Text size="sm" mb={6}>
        Copy the signing secret now: it is shown this once and never again. The receiver checks each
        request&apos;s <Code>webhook-signature</Code> with it.
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code style={{ wordBreak: 'break-all' }}>{secret}</Code>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Alert>
  );
}
