import { Alert, Code, Container, List, MantineProvider, Stack, Text, Title } from '@mantine/core';
import { colorSchemeProps } from './color-scheme';
import { theme } from './theme';
import type { SettingProblem } from '../config/settings';

/** Shown instead of the app when its settings cannot work: it names each bad setting and where to fix it. */
export function SettingsErrorPage({ problems, startupError }: { problems: SettingProblem[]; startupError?: string }) {
  return (
    <MantineProvider theme={theme} {...colorSchemeProps}>
      <Container size="sm" component="main" py="xl">
        <Stack>
          <Title order={1}>The app cannot start with these settings</Title>
          {problems.length > 0 && (
            <Alert color="red" variant="outline" title="Settings to fix">
              <List spacing="xs" size="sm">
                {problems.map((problem) => (
                  <List.Item key={`${problem.setting}:${problem.message}`}>
                    <Code>{problem.setting}</Code> {problem.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          {startupError && (
            <Alert color="red" variant="outline" title="Start-up failed">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {startupError}
              </Text>
            </Alert>
          )}
          <Text size="sm">
            Settings are read from <Code>config.json</Code> next to the app (deployment time), over the <Code>VITE_*</Code> values the app
            was built with. The README lists every setting.
          </Text>
        </Stack>
      </Container>
    </MantineProvider>
  );
}
