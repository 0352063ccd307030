import { Fragment } from 'react';
import classes from './breakable-name.module.css';

/** A label longer than this (a hostile or generated name) may break anywhere rather than widen the table. */
const longestKeptWhole = 40;

/**
 * A host name or an account, allowed to wrap after each dot and @ ("hr-lt-203.contoso.|example") and
 * nowhere inside a label, not even at its hyphens ("hr-lt-|203" would read as two names).
 */
export function BreakableName({ name }: { name: string }) {
  const parts = name.split(/(?<=[.@])/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part.length <= longestKeptWhole ? <span className={classes.whole}>{part}</span> : part}
        </Fragment>
      ))}
    </>
  );
}
