import { Text } from '@mantine/core';
import { hresultHex, hresultMeaning } from '../../action-ui/hresult-meanings';
import classes from './action-details.module.css';

/** -2147024891 (0x80070005) E_ACCESSDENIED, and what it means; an unknown code is shown as it is. */
export function FailureExplanation({ hresult }: { hresult: number }) {
  const meaning = hresultMeaning(hresult);
  return (
    <>
      <span className={classes.mono} data-testid="hresult">
        {hresult} ({hresultHex(hresult)}){meaning ? ` ${meaning.name}` : ''}
      </span>
      <Text size="sm" data-testid="hresult-meaning">
        {meaning ? meaning.meaning : 'A Windows error code this app does not know: search for the hex code in Microsoft’s documentation.'}
      </Text>
    </>
  );
}
