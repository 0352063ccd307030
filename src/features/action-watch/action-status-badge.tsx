import { Badge } from '@mantine/core';
import { statusLabel, statusTone, type StatusTone } from './action-status';

// Dark shades: white text on them passes WCAG AA contrast, unlike Mantine's default filled shades (forest: see theme.ts).
const toneColors: Record<StatusTone, string> = {
  running: 'blue.8',
  succeeded: 'forest.8',
  attention: 'red.9',
  unknown: 'gray.7',
};

const toneWords: Record<StatusTone, string> = {
  running: 'still running',
  succeeded: 'finished',
  attention: 'needs attention',
  unknown: 'unknown status, still watched',
};

/** The status in words (never colour alone), with what it means for the analyst for screen readers. */
export function ActionStatusBadge({ status, size = 'lg', testId }: { status: string; size?: 'md' | 'lg' | 'xl'; testId?: string }) {
  const tone = statusTone(status);
  return (
    <Badge color={toneColors[tone]} size={size} variant="filled" radius="sm" title={toneWords[tone]} data-tone={tone} data-testid={testId} miw="max-content">
      {statusLabel(status)}
    </Badge>
  );
}
