import { requiredContext } from '../lib/required-context';
import type { Settings } from './settings';

/** The settings resolved at start-up (app/main.tsx); they do not change while the app runs. */
export const [SettingsProvider, useSettings] = requiredContext<Settings>('useSettings');
