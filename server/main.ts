import { settingsFromEnv, SettingsError } from './config/server-settings';
import { buildServer } from './http/build-server';

// `npm run serve` (after `npm run build`), or `node server/dist/main.js`: one process, configured by its
// environment only (server/README.md, "Settings").
try {
  const settings = settingsFromEnv(process.env);
  const server = await buildServer(settings);
  await server.app.listen({ host: settings.host, port: settings.port });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info(`${signal}: stopping`);
    // SIGINT (a terminal's Ctrl-C) stops at once; SIGTERM (a platform's) drains first.
    void (signal === 'SIGTERM' ? server.drain() : server.close()).then(
      () => process.exit(0),
      (error: Error) => {
        server.app.log.error({ err: error }, 'The server did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  console.error(error instanceof SettingsError ? error.message : `The server could not start: ${(error as Error).message}`);
  process.exit(1);
}
