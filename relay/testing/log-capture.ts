import { Writable } from 'node:stream';

/** A relay's log, kept in memory: the tests read it for tokens that must not be there. */
export interface LogCapture {
  stream: Writable;
  text(): string;
}

export function captureLog(): LogCapture {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}
