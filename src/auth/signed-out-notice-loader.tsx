import { lazy, Suspense, useState } from 'react';
import type { ForgettableLists } from './sign-out-choice';
import { readSignOutReturn } from './sign-out-return';

const SignedOutNotice = lazy(() => import('./signed-out-notice').then((module) => ({ default: module.SignedOutNotice })));

/**
 * The "You signed out" notice, loaded only on the page a sign-out comes back to: every other load of the
 * app (nearly all of them) pays nothing for it.
 */
export function SignedOutNoticeLoader({ lists }: { lists: ForgettableLists }) {
  const [returned] = useState(() => readSignOutReturn(window.sessionStorage) !== undefined);
  if (!returned) return null;
  return (
    <Suspense fallback={null}>
      <SignedOutNotice lists={lists} />
    </Suspense>
  );
}
