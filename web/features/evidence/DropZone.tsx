import { Button, Group, Text } from '@mantine/core';
import { IconCloudUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';

/**
 * Where files are dropped or picked. While it is on the page, a file dropped beside it is
 * ignored rather than opened by the browser in place of the console.
 */
export function DropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  useEffect(() => {
    const ignore = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', ignore);
    window.addEventListener('drop', ignore);
    return () => {
      window.removeEventListener('dragover', ignore);
      window.removeEventListener('drop', ignore);
    };
  }, []);
  const take = (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (files.length > 0) onFiles(files);
  };
  return (
    <div
      className="evidence-drop"
      data-over={over || undefined}
      data-testid="evidence-drop"
      onDragEnter={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        take(e.dataTransfer.files);
      }}
    >
      <Group gap="sm" justify="center">
        <IconCloudUpload size={22} aria-hidden stroke={1.5} />
        <Text size="sm">Drop files here, or</Text>
        <Button size="xs" variant="default" onClick={() => input.current?.click()}>
          Choose files
        </Button>
      </Group>
      <Text size="xs" c="dimmed" ta="center" mt={4}>
        Each file is hashed (SHA-256) as it arrives and cannot be changed afterwards.
      </Text>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Evidence files"
        onChange={(e) => {
          take(e.currentTarget.files);
          e.currentTarget.value = '';
        }}
      />
    </div>
  );
}
