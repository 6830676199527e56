import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, ApiError, setCsrfToken } from '../api.ts';
import { errorMessage, nextStep } from '../components/ErrorState.tsx';
import { meKey } from '../query-keys.ts';

const route = getRouteApi('/sign-in');

export function SignInPage() {
  const { next } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.signIn(email, password);
      setCsrfToken(me.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(meKey, me);
      // Everyone starts on the cases: the whole queue, or for a guest the cases shared with it.
      await navigate({ to: next ?? '/' });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // A refused sign-in or a throttled one says everything in the server's message: a generic
  // next step under it would only repeat it.
  const saysItAll =
    error instanceof ApiError &&
    (error.code === 'unauthenticated' || error.code === 'rate_limited');
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={380} component="main">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="sm">
            <div>
              <Title order={1} size="h3">
                Sign in to Casefile
              </Title>
              <Text size="sm" c="dimmed">
                Case management for security operations
              </Text>
            </div>
            {error !== null && (
              <Alert color="red" variant="light" role="alert">
                <Text size="sm">{errorMessage(error)}</Text>
                {!saysItAll && (
                  <Text size="sm" c="dimmed">
                    {nextStep(error)}
                  </Text>
                )}
              </Alert>
            )}
            <TextInput
              label="E-mail"
              type="email"
              autoComplete="username"
              required
              autoFocus
              size="sm"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              size="sm"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" size="sm" loading={busy} disabled={!email || !password}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
