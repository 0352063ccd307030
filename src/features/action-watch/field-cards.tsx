import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './field-cards.module.css';

/** A table's rows on a phone: one card per row, in a list named as the table was. */
export function FieldCards({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <Stack component="ul" gap="sm" className={classes.cards} aria-label={label} data-testid={testId}>
      {children}
    </Stack>
  );
}

/**
 * One row as a card: its fields (CardFields), then whatever the row lets the analyst do. Drawn by the CSS
 * module, as the board's cards are, rather than by Mantine's Paper, whose stylesheet the app does not load.
 */
export function FieldCard({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <Stack component="li" gap="xs" className={classes.card} data-testid={testId}>
      {children}
    </Stack>
  );
}

/** Every field with its label, the table's column header: nothing is left to a column off the screen. */
export function CardFields({ children }: { children: ReactNode }) {
  return <dl className={classes.fields}>{children}</dl>;
}

export function CardField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.field}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
