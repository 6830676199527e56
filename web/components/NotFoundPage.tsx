import { Anchor, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';

export function NotFoundPage() {
  return (
    <Center mih="60vh">
      <Stack align="center" gap="xs">
        <Title order={1} size="h3">
          Page not found
        </Title>
        <Text c="dimmed">This address does not lead anywhere in Casefile.</Text>
        <Anchor component={Link} to="/">
          Go to the cases dashboard
        </Anchor>
      </Stack>
    </Center>
  );
}
