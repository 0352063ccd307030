// What the event clock (harness/event-timers.ts) waits for in the team benchmark before time moves on, so
// that "shown" is read at the simulated moment the relay's work ended, not some steps later. The relay runs
// in this process on the clock's timers; its calls to Defender go through `settledFetch`, every Redis command
// of the process counts as a call in flight (`trackRedis`), and each event the relay publishes is awaited
// until the streams it is meant for have received it (`expect`).
import { Redis } from 'ioredis';
import type { EventTimers } from '../harness/event-timers.ts';

const nullBodyStatuses = new Set([101, 204, 205, 304]);

/** A fetch the clock waits for, body and all: the caller's continuation runs before time moves on. */
export function settledFetch(timers: EventTimers): typeof fetch {
  return (input, init) =>
    timers.track(
      (async () => {
        const response = await fetch(input, init);
        const body = await response.arrayBuffer();
        return new Response(nullBodyStatuses.has(response.status) ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
      })(),
    );
}

/**
 * Until the returned function is called, every Redis command sent by this process (the relay's, in-process)
 * is a call in flight for `timers`, and `onPublish` hears of each PUBLISH before it is sent.
 */
export function trackRedis(timers: EventTimers, onPublish: (channel: string, message: string) => void): () => void {
  const prototype = Redis.prototype;
  const original = prototype.sendCommand;
  prototype.sendCommand = function (this: Redis, ...args: Parameters<Redis['sendCommand']>) {
    const [command] = args;
    if (command.name === 'publish') onPublish(String(command.args[0]), String(command.args[1]));
    const result = original.apply(this, args);
    if (command.promise instanceof Promise) void timers.track(command.promise).catch(() => undefined);
    return result;
  };
  return () => {
    prototype.sendCommand = original;
  };
}

/** Conditions that come true when something arrives: each is a promise the clock can wait on. */
export class Expectations {
  private readonly waiting = new Set<() => void>();
  /** How many were given up after `timeoutMs` of real time. */
  missed = 0;

  /** Call after each arrival. */
  wake(): void {
    for (const check of [...this.waiting]) check();
  }

  /** Resolves once `holds()` is true (looked at now and after each arrival), or after `timeoutMs` real ms. */
  expect(holds: () => boolean, timeoutMs = 2_000): Promise<void> {
    if (holds()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(check);
        resolve();
      };
      const check = () => {
        if (holds()) done();
      };
      const timer = setTimeout(() => {
        this.missed += 1;
        done();
      }, timeoutMs);
      this.waiting.add(check);
    });
  }
}
