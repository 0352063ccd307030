import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failingWatch, readWatch } from '../../testing/action-watches';
import { actionId, apiTime, hostileBody, hostileText, machineAction } from '../../../core/testing/machine-actions';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid, renderActionPage, sectionNamed } from '../../testing/screens';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const id = guid(actionId);
screenTestsAt(now);

function renderAction(fields: Record<string, unknown>) {
  const action = machineAction({ creationDateTimeUtc: apiTime(now - 90_000), lastUpdateDateTimeUtc: apiTime(now - 30_000), ...fields });
  return renderActionPage(actionId, { watches: [{ id, watch: readWatch(action, now), checkedAt: now }] });
}

/** Nothing from the API became markup: no element it named, no handler it wrote. */
function expectInert(container: HTMLElement) {
  expect(container.querySelectorAll('script, img, iframe, [onerror], [onload]')).toHaveLength(0);
}

describe('text from the API that could do harm is shown as inert text', () => {
  it('markup in any field is shown as typed, and never becomes elements', () => {
    const { container } = renderAction({ ...hostileBody(), status: 'Cancelled', cancellationRequestor: hostileText.script });
    const details = screen.getByLabelText('Action details');
    expect(details).toHaveTextContent(hostileText.script); // requestor, cancelled by, external ID
    expect(details).toHaveTextContent(hostileText.image); // device name
    expect(screen.getByRole('region', { name: 'Cancellation comment' })).toHaveTextContent(hostileText.image);
    expect(screen.getByRole('region', { name: 'Raw JSON' })).toHaveTextContent(`"requestor": "${hostileText.script}"`);
    expectInert(container);
  });

  it('a right-to-left override is shown as ⟨U+202E⟩, never obeyed', () => {
    renderAction({ title: hostileText.rightToLeft, requestorComment: hostileText.rightToLeft });
    const details = screen.getByLabelText('Action details');
    expect(within(details).getByText('Title', { selector: 'dt' }).nextElementSibling).toHaveTextContent(hostileText.rightToLeftShown);
    expect(screen.getByRole('region', { name: 'Comment' })).toHaveTextContent(hostileText.rightToLeftShown);
    // The raw answer too: the JSON stays as received to copy, and is shown with the control made visible.
    expect(screen.getByRole('region', { name: 'Raw JSON' })).toHaveTextContent(hostileText.rightToLeftShown);
    expect(document.body.textContent).not.toContain('\u202E');
  });

  it('a 10,000-character comment is kept whole, in a box of its own that the keyboard can scroll', () => {
    renderAction({ requestorComment: hostileText.long });
    const comment = screen.getByRole('region', { name: 'Comment' });
    expect(comment.textContent).toBe(hostileText.long);
    expect(comment).toHaveAttribute('tabindex', '0');
  });

  it('markup as the action’s type is its heading’s text, and the tab’s title', () => {
    const { container } = renderAction({ type: hostileText.script, status: 'Failed' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(hostileText.script);
    expect(document.title).toBe(`Failed · ${hostileText.script} · Machine action watch`);
    expect(screen.getByTestId('next-steps')).toHaveTextContent(`What to do next: ${hostileText.script} failed`);
    expectInert(container);
  });

  it('a machine ID that is not one is shown, but never becomes a link or a device read', () => {
    renderAction({ machineId: 'javascript:alert(1)', computerDnsName: null });
    expect(screen.getByLabelText('Action details')).toHaveTextContent('javascript:alert(1)');
    expect(screen.queryByRole('link', { name: 'Open the device in the Defender portal' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Recent actions on this device' })).not.toBeInTheDocument();
  });

  it('live response parameters and errors are text too', () => {
    const { container } = renderAction({
      type: 'LiveResponse',
      commands: [{ index: 0, commandStatus: 'Failed', errors: [hostileText.image], command: { type: 'GetFile', params: [{ key: 'Path', value: hostileText.rightToLeft }] } }],
    });
    const commands = sectionNamed('Live response commands');
    expect(commands).toHaveTextContent(`Path=${hostileText.rightToLeftShown}`);
    expect(commands).toHaveTextContent(hostileText.image);
    expectInert(container);
  });

  it('an error message from Defender is text, and so is the raw answer of an unreadable one', () => {
    const refused = failingWatch(undefined, { kind: 'bad-request', status: 400, code: 'InvalidInput', message: hostileText.image }, now);
    const { container, unmount } = renderActionPage(actionId, { watches: [{ id, watch: refused, checkedAt: now }] });
    expect(screen.getByTestId('problem')).toHaveTextContent(hostileText.image);
    expectInert(container);
    unmount();

    const unreadable = failingWatch(undefined, { kind: 'malformed', detail: 'The answer is not JSON.', rawText: `<html>${hostileText.script}${hostileText.rightToLeft}</html>` }, now);
    const again = renderActionPage(actionId, { watches: [{ id, watch: unreadable, checkedAt: now }] });
    expect(screen.getByRole('region', { name: 'Raw answer' })).toHaveTextContent(`<html>${hostileText.script}${hostileText.rightToLeftShown}</html>`);
    expectInert(again.container);
  });
});
