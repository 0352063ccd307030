import { Button, Group, Textarea } from '@mantine/core';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { findActionIds } from './find-action-ids';
import { useWatchList } from './use-watch-list';
import { describePaste } from './watch-list';

interface ActionIdFormProps {
  label?: string;
  autoFocus?: boolean;
}

/** What the board shows after a paste sent it there: "Found 3 action IDs in what you pasted: added 3." */
export interface BoardArrival {
  pasted: string;
}

/**
 * Takes whatever the analyst pastes (the bare ID, a ticket, a portal URL, a list): one action ID opens its
 * page; several go on the watch board, all of them. Text without an ID is kept as typed and gets a
 * message; no request. Enter watches, Shift+Enter starts a new line.
 */
export function ActionIdForm({ label = 'Machine action ID', autoFocus = false }: ActionIdFormProps) {
  const navigate = useNavigate();
  const watchList = useWatchList();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const ids = findActionIds(text);
    if (ids.length === 0) {
      setError(
        text.trim() === ''
          ? 'Paste a machine action ID first.'
          : 'No machine action ID found in this text. An ID looks like 1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d.',
      );
      return;
    }
    setError(undefined);
    if (ids.length === 1) {
      navigate(`/actions/${ids[0]}`);
      return;
    }
    // The IDs read above go on as they are: the text is read once.
    const result = watchList.addIds(ids);
    navigate('/board', { state: { pasted: describePaste(ids.length, result) } satisfies BoardArrival });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault(); // or the newline it would type clears the message it sets
    submit();
  }

  return (
    <form onSubmit={submit} noValidate role="search">
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <Textarea
          style={{ flex: 1 }}
          label={label}
          description="Paste the ID, or a whole ticket: one ID opens its page, several go on the watch board."
          placeholder="1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(undefined);
          }}
          onKeyDown={onKeyDown}
          error={error}
          autosize
          minRows={1}
          maxRows={8}
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
          data-autofocus={autoFocus || undefined}
        />
        <Button type="submit" mt={46}>
          Watch
        </Button>
      </Group>
    </form>
  );
}
