import { Badge } from '@mantine/core';
import { statusColour, statusLabel, statusTone, type StatusColour, type StatusTone } from './status-tone';

// Dark shades: white text on them passes WCAG AA contrast in either colour scheme, unlike Mantine's default
// filled shades (forest: see theme.ts). A cancellation is grey, apart from the failure's red (status-tone.ts).
const filledColors: Record<StatusColour, string> = {
  running: 'blue.8',
  succeeded: 'forest.8',
  failed: 'red.8',
  cancelled: 'gray.8',
  unknown: 'gray.7',
};

// An outlined badge's colour is its text's: no shade, so that Mantine picks one per scheme (theme.ts).
const outlineColors: Record<StatusColour, string> = {
  running: 'blue',
  succeeded: 'forest',
  failed: 'red',
  cancelled: 'gray',
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
  const colour = statusColour(status);
  return (
    <Badge
      color={stale ? outlineColors[colour] : filledColors[colour]}
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
