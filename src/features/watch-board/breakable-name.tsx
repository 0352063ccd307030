import { Fragment } from 'react';

/**
 * A host name or an account, allowed to wrap after each dot and @ ("hr-lt-203.contoso.|example") and
 * nowhere inside a label: the cell's CSS breaks a word only when one label alone is wider than it can be.
 */
export function BreakableName({ name }: { name: string }) {
  const parts = name.split(/(?<=[.@])/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
