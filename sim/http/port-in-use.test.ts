import { createServer, type AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isPortFree, portTakenMessage, PortTakenError } from './port-in-use.ts';

describe('portTakenMessage', () => {
  it('says, in one line, that another npm start most likely holds the port when the simulator is running too', () => {
    const message = portTakenMessage({ port: 5173, command: 'npm start', simulatorRunning: true });
    expect(message).toBe(
      'Port 5173 is taken, most likely by another `npm start` (the simulator is running too): use that one at http://localhost:5173, or stop it and run `npm start` again.',
    );
  });

  it('offers the next port when another program holds it', () => {
    const message = portTakenMessage({ port: 4173, command: 'npm run preview', simulatorRunning: false });
    expect(message).toBe('Port 4173 is taken by another program: stop it, or start on another port, such as `npm run preview -- --port 4174`.');
  });
});

describe('PortTakenError', () => {
  it('shows as its message alone where Vite prints it (util.inspect): no stack trace', () => {
    const error = new PortTakenError({ port: 5173, command: 'npm start', simulatorRunning: false });
    expect(inspect(error)).toBe(error.message);
    expect(inspect(error)).not.toContain('\n');
  });
});

describe('isPortFree', () => {
  it('is false while a server listens on the port, and true once it has closed', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    expect(await isPortFree(port, '127.0.0.1')).toBe(false);
    await new Promise((resolve) => holder.close(resolve));
    expect(await isPortFree(port, '127.0.0.1')).toBe(true);
  });
});
