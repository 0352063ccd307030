import { within } from '@testing-library/react';

/** A card's fields as its labels (dt) and values (dd) say them, in order: what a phone shows of one row. */
export function cardFields(card: HTMLElement): [label: string, value: string][] {
  const labels = within(card).getAllByRole('term');
  const values = within(card).getAllByRole('definition');
  return labels.map((label, at) => [label.textContent ?? '', values[at]?.textContent ?? '']);
}
