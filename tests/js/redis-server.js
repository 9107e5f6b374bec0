// Starts Debian's redis-server on a free loopback port for a test, and stops
// it. No persistence; the process is the test's own and ends with it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/** Resolves to { url, port, stop() } once the server accepts connections (on `port`: a restart there). */
export async function startRedis({ port: given } = {}) {
  const port = given ?? await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`redis-server did not start:\n${output}`)), 15_000);
    child.once('error', (e) => { clearTimeout(timer); fail(new Error(`redis-server cannot be run (scripts/setup.sh installs it): ${e.message}`)); });
    child.stdout.on('data', (d) => {
      output += d;
      if (output.includes('Ready to accept connections')) { clearTimeout(timer); done(); }
    });
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`redis-server exited (${code}):\n${output}`)); });
  });
  child.removeAllListeners('exit');
  let stopped = null;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop() {
      stopped ??= new Promise((done) => {
        if (child.exitCode !== null) { done(); return; }
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
      return stopped;
    },
  };
}
