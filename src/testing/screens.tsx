import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { saveWatchList } from '../action-ui/watch-list';
import { ActionPage } from '../features/action-watch/action-page';
import { BoardPage } from '../features/watch-board/board-page';
import StartPagePanels from '../features/lookup/start-page-panels';
import { toGuid, type Guid } from '../../core/lib/guid';
import type { HistorySamples } from '../../core/polling/history/duration-history';
import type { ActionWatch } from '../../core/polling/watch/watch-state';
import { actionQueries } from '../polling/react/action-queries';
import { seedHistory, seedWatch } from './action-watches';
import { renderWithProviders, testQueryClient, testSettings, type ProviderOptions } from './render';

/** The GUID of a literal the test knows is one. */
export function guid(text: string): Guid {
  const id = toGuid(text);
  if (!id) throw new Error(`not a GUID: ${text}`);
  return id;
}

export interface SeededScreen extends ProviderOptions {
  /** What the poller last wrote for each action, and when its check ended. */
  watches?: readonly { id: Guid; watch: ActionWatch; checkedAt: number }[];
  /** What the types' history reads found. */
  histories?: readonly HistorySamples[];
  /** When the poller's planner will check each action next, as the poller writes it. */
  schedule?: readonly (readonly [Guid, number])[];
}

function seeded({ watches = [], histories = [], schedule, queryClient = testQueryClient(), ...options }: SeededScreen): ProviderOptions {
  for (const { id, watch, checkedAt } of watches) seedWatch(queryClient, id, watch, checkedAt);
  for (const samples of histories) seedHistory((options.settings ?? testSettings).authority, samples);
  if (schedule) queryClient.setQueryData(actionQueries.schedule().queryKey, new Map(schedule));
  return { queryClient, ...options };
}

/** `/actions/<id>` as the app routes it, over a cache that holds what the poller would have written. */
export function renderActionPage(id: string, seed: SeededScreen & { tenant?: string } = {}) {
  const { tenant, ...rest } = seed;
  return renderWithProviders(
    <Routes>
      <Route path="/actions/:id" element={<ActionPage />} />
      <Route path="/t/:tenant/actions/:id" element={<ActionPage />} />
    </Routes>,
    { path: `${tenant === undefined ? '' : `/t/${encodeURIComponent(tenant)}`}/actions/${encodeURIComponent(id)}`, ...seeded(rest) },
  );
}

/** `/board` watching `ids` (saved in this browser's watch list), over a seeded cache. */
export function renderBoardPage(ids: readonly Guid[], seed: SeededScreen = {}) {
  saveWatchList(window.localStorage, ids);
  return renderWithProviders(<BoardPage />, { path: '/board', ...seeded(seed) });
}

/** The section a heading names, found from its heading. */
export function sectionNamed(heading: string): HTMLElement {
  const section = screen.getByRole('heading', { name: heading }).closest('section');
  if (!section) throw new Error(`no section under the heading "${heading}"`);
  return section;
}

/** The start page's panels (what it knows of the analyst), over a seeded cache and this browser's stored lists. */
export function renderStartPagePanels(seed: SeededScreen = {}) {
  return renderWithProviders(<StartPagePanels />, { path: '/', ...seeded(seed) });
}
