import { Button, Group, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useClickOutside } from '@mantine/hooks';
import { lazy, Suspense, useId, useRef, useState, type KeyboardEvent } from 'react';
import classes from './account-menu.module.css';
import { useAuth } from './auth-state';
import type { ForgettableLists } from './sign-out-choice';
import { useSignIn } from './use-sign-in';

const AccountPanel = lazy(() => import('./account-panel'));

/**
 * Who is signed in and the way out; or the way in. Empty while sign-in is still starting. The name opens
 * the account's panel, with the choice to forget this browser's lists on signing out. A disclosure of
 * controls rather than Mantine's Menu of items, whose popover code would weigh on the first load.
 */
export function AccountMenu({ lists }: { lists: ForgettableLists }) {
  const auth = useAuth();
  const { signIn, signOut, busy } = useSignIn();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const root = useClickOutside<HTMLDivElement>(() => setOpen(false), ['pointerdown'], undefined, open);
  if (auth.status !== 'ready') return null;
  if (!auth.account) {
    return (
      <Button size="xs" onClick={signIn} disabled={busy}>
        Sign in
      </Button>
    );
  }
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <Group gap="sm" wrap="nowrap" ref={root} className={classes.menu} onKeyDown={closeOnEscape}>
      <UnstyledButton
        ref={toggle}
        className={classes.account}
        title={auth.account.username}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        <Text span size="sm" data-testid="signed-in-account" truncate className={classes.name}>
          {auth.account.name}
        </Text>
        <VisuallyHidden>, account and sign-out choices</VisuallyHidden>
        <span aria-hidden="true" className={classes.chevron}>
          ▾
        </span>
      </UnstyledButton>
      <Button variant="default" size="xs" onClick={() => signOut(lists)} disabled={busy}>
        Sign out
      </Button>
      <div id={panelId} hidden={!open} className={classes.panel}>
        {open && (
          <Suspense fallback={null}>
            <AccountPanel username={auth.account.username} />
          </Suspense>
        )}
      </div>
    </Group>
  );
}
