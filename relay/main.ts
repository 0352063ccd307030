import { settingsFromEnv, SettingsError } from './config/settings';
import { startRelay } from './relay';

// `npm run relay`: one replica, configured from its environment (relay/README.md).
try {
  const relay = await startRelay(settingsFromEnv(process.env));
  const stop = () => void relay.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  console.error(error instanceof SettingsError ? error.message : `The relay could not start: ${(error as Error).message}`);
  process.exit(1);
}
