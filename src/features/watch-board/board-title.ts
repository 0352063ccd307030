import { appTitle } from '../../lib/use-page-title';
import { needsAttentionWords, unreadableWords, type BoardCounts } from './board-counts';

/**
 * The board tab's title: "(2) 1 needs attention · 1 can't be read · Machine action watch".
 * In brackets, the finish notices not yet dismissed: what is new since the analyst last looked. Then the
 * board summary's own counts (countForBoard) of what asks for a look, in the summary's words, so that the
 * tab and the page never disagree; "finished" when the only news is good. Nothing to say, the plain title.
 */
export function boardTitle(counts: BoardCounts, unreadNotices: number): string {
  const parts: string[] = [];
  if (counts.needsAttention > 0) parts.push(needsAttentionWords(counts.needsAttention));
  if (counts.unreadable > 0) parts.push(unreadableWords(counts.unreadable));
  if (counts.late > 0) parts.push(`${counts.late} late`);
  if (parts.length === 0 && unreadNotices > 0) parts.push('finished');
  if (parts.length === 0) return appTitle;
  return `${unreadNotices > 0 ? `(${unreadNotices}) ` : ''}${parts.join(' · ')} · ${appTitle}`;
}
