import { Redis } from 'ioredis';

/** Every key in a test's Redis, and every value it holds: what the tests search for tokens and tenants. */
export async function scanRedis(url: string): Promise<{ keys: string[]; values: string[] }> {
  const client = new Redis(url);
  try {
    const keys: string[] = [];
    const values: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await client.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of found) {
        keys.push(key);
        const type = await client.type(key);
        if (type === 'string') values.push((await client.get(key)) ?? '');
        else if (type === 'zset') values.push(...(await client.zrange(key, 0, -1)));
        else if (type === 'hash') values.push(...Object.entries(await client.hgetall(key)).flat());
        else if (type === 'set') values.push(...(await client.smembers(key)));
        else if (type === 'list') values.push(...(await client.lrange(key, 0, -1)));
      }
    } while (cursor !== '0');
    return { keys, values };
  } finally {
    client.disconnect();
  }
}
