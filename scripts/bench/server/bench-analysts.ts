// A thousand analysts for the stream benchmark. The simulator has three demo accounts whose tokens read
// actions, and the server caps RELAY_MAX_STREAMS at 100 (relay/config/settings.ts), so 1,000 streams need
// 1,000 accounts: each gets a token of the simulator's shape (issuer, audience, tenant, app, scp, its own
// oid) signed with a key of the benchmark's own. The server is pointed at a JWKS (RELAY_JWKS_URL) holding
// the simulator's keys and that one, so the simulator's own tokens still pass too. Their access checks are
// seeded as passed in Redis (relay:access:{oid}:{id}), as an hour after each analyst first read the
// actions: the simulator would refuse the benchmark's tokens on a real access read.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { CLIENT_ID, DEFENDER_RESOURCE, nodeUrl, TENANT_ID } from '../../../sim/constants.ts';
import { keys } from '../../../relay/state/keys.ts';
import type { Guid } from '../../../core/lib/guid.ts';

export interface BenchAnalyst {
  oid: string;
  token: string;
}

export interface AnalystKeys {
  /** What RELAY_JWKS_URL is set to. */
  jwksUrl: string;
  /** The issuer the simulator's tokens carry, which these carry too. */
  issuer: string;
  mint(count: number): Promise<BenchAnalyst[]>;
  close(): Promise<void>;
}

const kid = 'server-benchmark-analysts';

/** Serves the simulator's JWKS with the benchmark's key added; mints the analysts' tokens. */
export async function analystKeys(identityPort: number): Promise<AnalystKeys> {
  const discovery = (await (await fetch(`${nodeUrl(identityPort)}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
  const jwksUri = new URL(discovery.jwks_uri);
  jwksUri.hostname = '127.0.0.1';
  const simulatorKeys = ((await (await fetch(jwksUri)).json()) as { keys: unknown[] }).keys;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [...simulatorKeys, { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] });
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/jwks`,
    issuer: discovery.issuer,
    async mint(count) {
      const analysts: BenchAnalyst[] = [];
      for (let index = 0; index < count; index += 1) {
        const oid = randomUUID();
        const token = await new SignJWT({ tid: TENANT_ID, azp: CLIENT_ID, appid: CLIENT_ID, scp: 'Machine.Read', oid, name: `Bench Analyst ${index + 1}` })
          .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
          .setIssuer(discovery.issuer)
          .setSubject(oid)
          .setAudience(DEFENDER_RESOURCE)
          .setIssuedAt()
          .setExpirationTime('2h')
          .sign(privateKey);
        analysts.push({ oid, token });
      }
      return analysts;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Each analyst's access check of each action, as passed an hour ago would leave it (the relay's own TTL). */
export async function seedAccess(redis: Redis, analysts: readonly BenchAnalyst[], ids: readonly Guid[], ttlMs: number): Promise<void> {
  const batch = redis.pipeline();
  for (const { oid } of analysts) for (const id of ids) batch.set(keys.access(oid, id), 'allowed', 'PX', ttlMs);
  await batch.exec();
}
