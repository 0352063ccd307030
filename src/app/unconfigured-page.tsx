import { Code, Container, List, MantineProvider, Stack, Text, Title } from '@mantine/core';
import { colorSchemeProps } from './color-scheme';
import { theme } from './theme';

/**
 * Shown instead of the app when it has no tenant and no simulator was asked for (config/simulator-choice.ts):
 * what to set, where each kind of host takes it, and how to try the app with the simulator instead.
 */
export function UnconfiguredPage() {
  return (
    <MantineProvider theme={theme} {...colorSchemeProps}>
      <Container size="sm" component="main" py="xl">
        <Stack>
          <Title order={1}>This app is not set up for a tenant yet</Title>
          <Text>
            It has no tenant to sign in to, and nothing asked for the simulator instead. Two settings connect it to your Entra ID tenant, both
            from the app's registration: a single-page application whose redirect URI is this site's <Code>/redirect.html</Code>, with the
            delegated permission <Code>Machine.Read</Code> of WindowsDefenderATP (the app's README, "Configuring a real tenant", has every
            step):
          </Text>
          <List spacing="xs" aria-label="Settings to set">
            <List.Item>
              <Code>tenantId</Code>: the directory (tenant) ID
            </List.Item>
            <List.Item>
              <Code>clientId</Code>: the application (client) ID
            </List.Item>
          </List>
          <Title order={2} size="h3">
            Where to set them
          </Title>
          <List spacing="xs">
            <List.Item>
              The app's own server (<Code>npm run serve</Code>): the environment variables <Code>TENANT_ID</Code> and <Code>CLIENT_ID</Code>; it
              writes the app's <Code>config.json</Code> from them.
            </List.Item>
            <List.Item>
              Any other web host: <Code>config.json</Code> next to <Code>index.html</Code>, such as{' '}
              <Code>{'{ "tenantId": "…", "clientId": "…" }'}</Code>.
            </List.Item>
            <List.Item>
              Or when building the app: <Code>VITE_TENANT_ID</Code> and <Code>VITE_CLIENT_ID</Code>.
            </List.Item>
          </List>
          <Title order={2} size="h3">
            To try it without a tenant
          </Title>
          <Text>
            Run <Code>npm start</Code> in the app's repository: the app with its built-in simulator of Entra ID and Defender, at
            http://localhost:5173. A host that passes <Code>/defender-api</Code> to a simulator of its own can ask for it with{' '}
            <Code>{'"simulator": true'}</Code> in <Code>config.json</Code>.
          </Text>
        </Stack>
      </Container>
    </MantineProvider>
  );
}
