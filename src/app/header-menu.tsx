import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import classes from './header-menu.module.css';

/**
 * What the header shows in its line on a wide screen, and behind a button on a phone (CSS decides which,
 * so nothing moves once the page has painted). A disclosure rather than Mantine's Menu: its content is
 * controls, not menu items, and Menu's popover code would weigh on the first load.
 */
export function HeaderMenu({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const contentId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', closeOutside);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOutside);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  return (
    <div ref={root}>
      <button
        ref={button}
        type="button"
        className={classes.button}
        aria-label={label}
        aria-expanded={open}
        aria-controls={contentId}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      <div id={contentId} className={classes.content} data-open={open || undefined}>
        {children}
      </div>
    </div>
  );
}
