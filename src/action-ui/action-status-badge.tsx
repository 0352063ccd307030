import { Badge } from '@mantine/core';
import { statusLabel, statusTone, type StatusTone } from './status-tone';

// Dark shades: white text on them passes WCAG AA contrast in either colour scheme, unlike Mantine's default
// filled shades (forest: see theme.ts).
const filledColors: Record<StatusTone, string> = {
  running: 'blue.8',
  succeeded: 'forest.8',
  attention: 'red.8',
  unknown: 'gray.7',
};

// An outlined badge's colour is its text's: no shade, so that Mantine picks one per scheme (theme.ts).
const outlineColors: Record<StatusTone, string> = {
  running: 'blue',
  succeeded: 'forest',
  attention: 'red',
  unknown: 'gray',
};

const toneWords: Record<StatusTone, string> = {
  running: 'still running',
  succeeded: 'finished',
  attention: 'needs attention',
  unknown: 'unknown status, still watched',
};

interface ActionStatusBadgeProps {
  status: string;
  size?: 'md' | 'lg' | 'xl';
  testId?: string;
  /** The status of the last good read, while later checks fail: outlined, not filled, as it may have moved on. */
  stale?: boolean;
}

/** The status in words (never colour alone), with what it means for the analyst for screen readers. */
export function ActionStatusBadge({ status, size = 'lg', testId, stale = false }: ActionStatusBadgeProps) {
  const tone = statusTone(status);
  return (
    <Badge
      color={stale ? outlineColors[tone] : filledColors[tone]}
      size={size}
      variant={stale ? 'outline' : 'filled'}
      radius="sm"
      title={stale ? `${toneWords[tone]} at the last good read, which may be out of date` : toneWords[tone]}
      data-tone={tone}
      data-stale={stale || undefined}
      data-testid={testId}
      miw="max-content"
    >
      {statusLabel(status)}
    </Badge>
  );
}
