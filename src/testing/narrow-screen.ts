import { onTestFinished, vi } from 'vitest';
import { narrowScreenQuery } from '../lib/use-narrow-screen';
import { fixedMediaQueryList } from './media-query-list';

/** Makes this test's screen a phone's, as useNarrowScreen (lib/use-narrow-screen.ts) reads it, until the test ends. */
export function onNarrowScreen(): void {
  const matchMedia = vi.spyOn(window, 'matchMedia').mockImplementation((query: string) => fixedMediaQueryList(query, query === narrowScreenQuery));
  onTestFinished(() => matchMedia.mockRestore());
}
