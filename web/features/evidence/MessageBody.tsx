import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconPhotoOff, IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api.ts';

/**
 * An e-mail's HTML body in a frame that runs nothing: the server sanitises it and serves it
 * with `Content-Security-Policy: sandbox`, and the frame's empty `sandbox` attribute gives it
 * an opaque origin without scripts, forms, pop-ups or navigation of this page. Remote images
 * stay blocked (the sender would learn the message was read) until the investigator asks.
 */
export function MessageHtml({ number, id }: { number: number; id: number }) {
  const [remote, setRemote] = useState(false);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        {remote ? (
          <Text size="xs" c="dimmed">
            Remote images are shown: their servers saw this message opened.
          </Text>
        ) : (
          <Group gap={6} wrap="nowrap">
            <IconPhotoOff size={14} aria-hidden />
            <Text size="xs" c="dimmed">
              Remote content is blocked: loading it tells the sender's servers the message was
              opened.
            </Text>
          </Group>
        )}
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconWorld size={14} />}
          onClick={() => setRemote(!remote)}
        >
          {remote ? 'Block remote content' : 'Load remote content'}
        </Button>
      </Group>
      <iframe
        // No token at all: no scripts, no same origin, no forms, no top navigation.
        sandbox=""
        referrerPolicy="no-referrer"
        title="E-mail body (sanitised)"
        className="message-frame"
        src={api.evidenceMessageHtmlUrl(number, id, remote)}
      />
    </Stack>
  );
}

/** A plain-text part, shown as text in a box the reader can scroll. */
export function PlainText({ text, empty }: { text: string | null; empty: string }) {
  if (!text) return <Alert color="gray">{empty}</Alert>;
  return (
    <pre className="message-text" dir="auto">
      {text}
    </pre>
  );
}
