import { VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { isFinalStatus } from '../../../core/defender/action-status';
import { statusLabel } from '../../action-ui/status-tone';

/**
 * Tells screen-reader users when the status changes. The live region is rendered from the start and only
 * its text changes, which is what assistive technology announces.
 */
export function StatusAnnouncer({ status }: { status: string | undefined }) {
  const previous = useRef(status);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (status === undefined || status === previous.current) return;
    const from = previous.current;
    previous.current = status;
    if (from === undefined) return; // the first read is on screen already; only changes are news
    const suffix = isFinalStatus(status) ? ' Watching has stopped.' : '';
    setMessage(`Status changed from ${statusLabel(from)} to ${statusLabel(status)}.${suffix}`);
  }, [status]);
  return (
    <VisuallyHidden role="status" aria-live="polite" aria-atomic="true" data-testid="status-announcer">
      {message}
    </VisuallyHidden>
  );
}
