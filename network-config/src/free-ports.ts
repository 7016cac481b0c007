import { createServer, type Server } from 'node:net';

/**
 * Asks the OS for `count` distinct free ports on `host`, holding them all until every one is
 * known, so none repeats. A port could be taken again between release and use; tests accept
 * that small race in exchange for never colliding with a fixed layout.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, resolve);
      });
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address for a probe socket');
      ports.push(address.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
