import { Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { findActionId } from './find-action-ids';

interface ActionIdFormProps {
  label?: string;
  autoFocus?: boolean;
}

/**
 * One input that takes whatever the analyst pastes (the bare ID, the ID in quotes, a ticket paragraph, a
 * portal URL) and finds the ID in it. Text without an ID is kept as typed and gets a message; no request.
 */
export function ActionIdForm({ label = 'Machine action ID', autoFocus = false }: ActionIdFormProps) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const id = findActionId(text);
    if (!id) {
      setError(
        text.trim() === ''
          ? 'Paste a machine action ID first.'
          : 'No machine action ID found in this text. An ID looks like 1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d.',
      );
      return;
    }
    setError(undefined);
    navigate(`/actions/${id}`);
  }

  return (
    <form onSubmit={submit} noValidate role="search">
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label={label}
          description="Paste the ID, or the ticket text or portal link that holds it."
          placeholder="1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(undefined);
          }}
          error={error}
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
