import {
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Markdown } from './Markdown.tsx';
import { useCaseRefresh } from './useCase.ts';

/** The comment as it will read once posted: through the same sanitizer as the activity log. */
function CommentPreview({ body, markdown }: { body: string; markdown: boolean }) {
  return (
    <Paper withBorder p="xs" mih={64} role="region" aria-label="Comment preview">
      {!body.trim() ? (
        <Text size="sm" c="dimmed">
          Nothing to preview yet.
        </Text>
      ) : markdown ? (
        <Markdown source={body} />
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {body}
        </Text>
      )}
    </Paper>
  );
}

/**
 * Writes a comment, which is permanent: Preview shows it as it will read before it is posted.
 * Ctrl+Enter posts from the text box.
 */
export function CommentBox({ number }: { number: number }) {
  const refresh = useCaseRefresh(number);
  const [body, setBody] = useState('');
  const [markdown, setMarkdown] = useState(false);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const add = useMutation({
    mutationFn: () => api.addComment(number, body, markdown ? 'markdown' : 'plain'),
    onSuccess: async () => {
      setBody('');
      setMode('write');
      await refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Add a comment">
      <Stack gap={6}>
        {add.isError && <ErrorState error={add.error} title="The comment was not added" />}
        <Group justify="space-between" align="flex-end">
          <div>
            <Text size="sm" fw={600} component="label" htmlFor={`comment-${number}`}>
              Add a comment
            </Text>
            <Text size="xs" c="dimmed">
              Comments are permanent: they cannot be edited or deleted.
            </Text>
          </div>
          <SegmentedControl
            size="xs"
            aria-label="Write or preview the comment"
            value={mode}
            onChange={(v) => setMode(v === 'preview' ? 'preview' : 'write')}
            data={[
              { value: 'write', label: 'Write' },
              { value: 'preview', label: 'Preview' },
            ]}
          />
        </Group>
        {mode === 'write' ? (
          <Textarea
            id={`comment-${number}`}
            aria-label="Add a comment"
            autosize
            minRows={2}
            maxRows={12}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && body.trim()) add.mutate();
            }}
          />
        ) : (
          <CommentPreview body={body} markdown={markdown} />
        )}
        <Group justify="space-between">
          <Checkbox
            size="xs"
            label="Format as Markdown"
            checked={markdown}
            onChange={(e) => setMarkdown(e.currentTarget.checked)}
          />
          <Button type="submit" loading={add.isPending} disabled={!body.trim()}>
            Comment (Ctrl+Enter)
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
