import { isMantineColorScheme, useMantineColorScheme } from '@mantine/core';
import { useId } from 'react';
import classes from './color-scheme-select.module.css';

// "auto" first: following the system is the default, and what most analysts keep.
const choices = [
  { value: 'auto', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

/**
 * Light, dark or whatever the system uses, remembered in this browser. A native select: three choices need
 * no popover, it is the cheapest control for the first load, and phones show their own picker.
 */
export function ColorSchemeSelect() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const id = useId();
  // Labelled by `for`, not by wrapping: a wrapping label would put the chosen value in the select's name.
  return (
    <div className={classes.field}>
      <label htmlFor={id} className={classes.label}>
        Theme
      </label>
      <select
        id={id}
        className={classes.select}
        value={colorScheme}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (isMantineColorScheme(chosen)) setColorScheme(chosen);
        }}
        data-testid="colour-scheme"
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
