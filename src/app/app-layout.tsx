import { Anchor, Badge, Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { AccountMenu } from '../auth/account-menu';
import classes from './app-layout.module.css';
import { useServices } from './services';

export function AppLayout({ children }: { children: ReactNode }) {
  const { settings } = useServices();
  return (
    <>
      <header className={classes.header}>
        <Container size="lg">
          <Group justify="space-between" h="100%" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Anchor component={Link} to="/" fw={700} c="dark.9" underline="never">
                Machine action watch
              </Anchor>
              <Badge variant="outline" color="gray.8" radius="sm" title="The cloud this app signs in to">
                {settings.cloudLabel}
              </Badge>
              <nav aria-label="Main">
                <Anchor component={Link} to="/board" size="sm">
                  Watch board
                </Anchor>
              </nav>
            </Group>
            <AccountMenu />
          </Group>
        </Container>
      </header>
      <Container size="lg" component="main" py="xl">
        {children}
      </Container>
    </>
  );
}
