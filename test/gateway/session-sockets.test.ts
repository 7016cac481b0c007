import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import { startPlatform, type TestPlatform } from '../support/platform.js';

/** A department user's live socket lives no longer than the session that opened it. */
describe('Live sockets and the session that opened them', () => {
  let platform: TestPlatform;
  const sockets: Socket[] = [];
  before(async () => { platform = await startPlatform(); });
  after(async () => {
    for (const socket of sockets) socket.close();
    await platform.close();
  });

  const connect = async (token: string): Promise<Socket> => {
    const socket = io(platform.baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
    return socket;
  };

  it('closes the sockets of a session at logout, and only those; the token no longer connects', async () => {
    const ending = await platform.login('NFRA', 'reviewer');
    const staying = await platform.login('NFRA', 'reviewer');
    const first = await connect(ending);
    const second = await connect(ending);
    const other = await connect(staying);
    const closed = Promise.all([first, second].map((s) => new Promise<string>((resolve) => s.once('disconnect', resolve))));

    const response = await fetch(`${platform.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${ending}` } });
    assert.equal(response.status, 200);
    // 'io server disconnect': the server closed them, not a network error or the client.
    assert.deepEqual(await closed, ['io server disconnect', 'io server disconnect']);
    assert.equal(other.connected, true, 'another session of the same user stays connected');

    const refused = io(platform.baseUrl, { auth: { token: ending }, transports: ['websocket'], reconnection: false });
    sockets.push(refused);
    const error = await new Promise<Error>((resolve) => refused.once('connect_error', resolve));
    assert.match(error.message, /UNAUTHENTICATED/);
  });
});
