import { Button, Group, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { AddResult } from '../../action-ui/watch-list';
import { describeAddition } from '../../action-ui/watch-list';

/** Takes a ticket's worth of text and watches every action ID in it; text without an ID changes nothing. */
export function AddWatchesForm({ onAdd }: { onAdd: (text: string) => AddResult }) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ text: string; isError: boolean } | undefined>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = onAdd(text);
    const found = result.added.length + result.alreadyWatched.length > 0;
    setMessage({ text: describeAddition(result), isError: !found || result.overLimit.length > 0 });
    // Nothing pasted is lost: what the board could not take stays in the field, to copy elsewhere; text
    // without any ID stays as it was typed.
    if (result.overLimit.length > 0) setText(result.overLimit.join('\n'));
    else if (found) setText('');
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Add actions to the board">
      <Textarea
        label="Paste action IDs"
        description="A ticket, a list, portal links: every machine action ID in the text is watched."
        autosize
        minRows={2}
        maxRows={8}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        error={message?.isError ? message.text : undefined}
      />
      <Group mt="xs" gap="sm">
        <Button type="submit">Watch these</Button>
        <span role="status" data-testid="add-result">
          {message && !message.isError ? message.text : ''}
        </span>
      </Group>
    </form>
  );
}
