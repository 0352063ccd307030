import { Alert, Button, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from './auth-state';
import type { ForgettableLists } from './sign-out-choice';
import { clearSignOutReturn, readSignOutReturn, withoutProtocolParameters } from './sign-out-return';

type Lists = 'forgotten on the way out' | 'kept' | 'forgotten now' | 'none';

/**
 * "You signed out", on the start page this tab comes back to from the identity provider, with the
 * address cleaned of what the provider added; and, for a shared workstation, the offer to forget this
 * browser's lists if they were not forgotten on the way out. Nothing on any other page load.
 */
export function SignedOutNotice({ lists }: { lists: ForgettableLists }) {
  // Read in render (the first paint has it), cleared in an effect: React may render twice, not commit twice.
  const [signOut] = useState(() => readSignOutReturn(window.sessionStorage));
  const [listsState, setListsState] = useState<Lists>(() => (signOut?.listsForgotten ? 'forgotten on the way out' : lists.kept() ? 'kept' : 'none'));
  const [dismissed, setDismissed] = useState(false);
  const auth = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const cleaned = useRef(false);
  const returned = signOut !== undefined;
  const signedOut = auth.status !== 'starting' && !(auth.status === 'ready' && auth.account);

  useEffect(() => {
    if (!returned || cleaned.current) return;
    cleaned.current = true;
    clearSignOutReturn(window.sessionStorage);
    const search = withoutProtocolParameters(location.search);
    if (search !== location.search) void navigate({ pathname: location.pathname, search, hash: location.hash }, { replace: true });
  }, [returned, location, navigate]);

  if (!returned) return null;
  const forgetNow = () => {
    lists.forget();
    setListsState('forgotten now');
  };
  // Said once sign-in has started (after the first paint) and found no one: the live region is in place
  // by then, and it is true.
  const announcement = !signedOut ? '' : listsState === 'forgotten now' ? "This browser's lists are forgotten." : 'You signed out.';
  const shown = !dismissed && location.pathname === '/' && !(auth.status === 'ready' && auth.account);
  return (
    <>
      <VisuallyHidden role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </VisuallyHidden>
      {shown && (
        // Not an alert itself: the status region above says it, once, politely.
        <Alert role="group" color="blue" variant="outline" title="You signed out" withCloseButton closeButtonLabel="Dismiss" onClose={() => setDismissed(true)} mb="lg" data-testid="signed-out">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">Every tab of this browser signed out with you, and nothing is being checked. Sign in again to go on watching.</Text>
            {listsState === 'forgotten on the way out' && (
              <Text size="sm">This browser's lists (the watch board's IDs and the actions watched lately) were forgotten, as chosen for a shared workstation.</Text>
            )}
            {listsState === 'kept' && (
              <>
                <Text size="sm">
                  This browser still keeps your lists: the watch board's IDs and the actions watched lately. On a shared workstation, forget them so that
                  the next person does not see them.
                </Text>
                <Button variant="default" size="xs" onClick={forgetNow}>
                  Forget this browser's lists now
                </Button>
              </>
            )}
            {listsState === 'forgotten now' && <Text size="sm">This browser's lists are forgotten.</Text>}
          </Stack>
        </Alert>
      )}
    </>
  );
}
