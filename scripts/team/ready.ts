// Waiting for a service to answer, failing at once if it exits first (a port in use, a bad setting).
import { connect } from 'node:net';
import type { Service } from './service';

/** Whether something accepts connections on 127.0.0.1:port (Redis speaks no HTTP). */
export function listening(port: number): () => Promise<boolean> {
  return () =>
    new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
}

/** Whether the URL answers 2xx. */
export function answers(url: string): () => Promise<boolean> {
  return async () => {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  };
}

export async function untilReady(service: Service, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (service.hasExited()) throw new Error(`${service.name} exited while starting (exit code ${String(await service.exited)}); its output is above`);
    if (Date.now() > deadline) throw new Error(`${service.name} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
