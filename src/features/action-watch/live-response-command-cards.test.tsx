import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { liveResponseCommands, machineAction } from '../../../core/testing/machine-actions';
import { formatLocal } from '../../lib/time';
import { cardFields } from '../../testing/card-fields';
import { onNarrowScreen } from '../../testing/narrow-screen';
import { renderWithProviders } from '../../testing/render';
import { LiveResponseCommandCards } from './live-response-command-cards';
import { LiveResponseCommands } from './live-response-commands';

const { commands } = machineAction({ type: 'LiveResponse', commands: liveResponseCommands });

describe('live response commands on a phone', () => {
  it('one card per command, with every field the table has, each with its label', () => {
    renderWithProviders(<LiveResponseCommandCards commands={commands} />);
    const cards = within(screen.getByRole('list', { name: 'Live response commands' })).getAllByRole('listitem');
    expect(cards.map(cardFields)).toEqual([
      [
        ['Command', '#0 GetFile'],
        ['Status', 'Completed'],
        ['Parameters', 'Path=C:\\Users\\dana\\Downloads\\invoice.pdf'],
        ['Ended', formatLocal(new Date('2019-01-02T14:39:52.3Z'))],
        ['Errors', '—'],
      ],
      [
        ['Command', '#1 RunScript'],
        ['Status', 'Failed'],
        ['Parameters', 'ScriptName=collect.ps1'],
        ['Ended', formatLocal(new Date('2019-01-02T14:40:01.0Z'))],
        ['Errors', 'The script collect.ps1 is not in the library'],
      ],
      [
        ['Command', '#2 PutFile'],
        ['Status', 'Created'],
        ['Parameters', '—'],
        ['Ended', '—'],
        ['Errors', '—'],
      ],
    ]);
    expect(within(cards[1]).getByText('Failed').closest('[data-tone]')).toHaveAttribute('data-tone', 'attention');
  });

  it('without an index or a status from Defender: its place in the list, and dashes', () => {
    const [bare] = machineAction({ type: 'LiveResponse', commands: [{ errors: ['one', 'two'], command: { type: 'RunScript', params: [] } }] }).commands;
    renderWithProviders(<LiveResponseCommandCards commands={[bare]} />);
    expect(cardFields(screen.getByRole('listitem'))).toEqual([
      ['Command', '#0 RunScript'],
      ['Status', '—'],
      ['Parameters', '—'],
      ['Ended', '—'],
      ['Errors', 'one; two'],
    ]);
  });

  it('on a narrow screen the section holds the cards, and no table to scroll sideways', () => {
    onNarrowScreen();
    renderWithProviders(<LiveResponseCommands commands={commands} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('on a wide screen the section holds the table', () => {
    renderWithProviders(<LiveResponseCommands commands={commands} />);
    expect(within(screen.getByRole('table', { name: 'Live response commands' })).getAllByRole('row')).toHaveLength(4);
    expect(screen.queryByRole('listitem')).not.toBeInTheDocument();
  });
});
