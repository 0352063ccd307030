import { Button, CopyButton } from '@mantine/core';
import { showDirectionControls } from '../../../core/lib/visible-controls';
import classes from './raw-json.module.css';

/** The answer exactly as received, collapsed by default: what support and scripts want to see. */
export function RawJson({ label, text }: { label: string; text: string }) {
  return (
    <details className={classes.details}>
      <summary className={classes.summary}>{label}</summary>
      <CopyButton value={text}>
        {({ copied, copy }) => (
          <Button size="xs" variant="default" onClick={copy} mt="xs">
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
      {/* Focusable, so that keyboard users can scroll a long answer too. */}
      {/* Shown with its direction controls visible, copied exactly as received. */}
      <pre className={classes.pre} tabIndex={0} role="region" aria-label={label}>
        {showDirectionControls(text)}
      </pre>
    </details>
  );
}
