import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { StatusAnnouncer } from './status-announcer';

function at(status: string | undefined) {
  return (
    <MantineProvider env="test">
      <StatusAnnouncer status={status} />
    </MantineProvider>
  );
}

describe('StatusAnnouncer', () => {
  it('announces changes only, politely, and says when watching stops', () => {
    const { rerender } = render(at(undefined));
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    rerender(at('Pending'));
    expect(region).toHaveTextContent('');
    rerender(at('InProgress'));
    expect(region).toHaveTextContent('Status changed from Pending to In progress.');
    rerender(at('TimeOut'));
    expect(region).toHaveTextContent('Status changed from In progress to Timed out. Watching has stopped.');
  });
});
