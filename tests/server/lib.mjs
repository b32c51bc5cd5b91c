// lib.mjs - start `tact serve` on a free loopback port for a test, and talk
// to it. TACT names the binary (set by tests/server/tests.cmake).
import { spawn } from 'node:child_process';
import http from 'node:http';

export const TACT = process.env.TACT || 'build/tact';

// Start the server; resolves once it printed its address.
export function startServer(args = [], env = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(TACT, ['serve', '--listen', '127.0.0.1:0', '--threads', '2', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env },
    });
    const srv = { proc, stdout: '', stderr: '', url: null, port: 0 };
    const timer = setTimeout(() => reject(new Error('server did not start: ' + srv.stderr)), 10000);
    proc.stdout.on('data', (d) => {
      srv.stdout += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(srv.stdout);
      if (m && !srv.url) {
        srv.url = m[1];
        srv.port = Number(m[2]);
        clearTimeout(timer);
        resolve(srv);
      }
    });
    proc.stderr.on('data', (d) => { srv.stderr += d; });
    proc.on('exit', (code) => {
      srv.code = code;
      if (!srv.url) {
        clearTimeout(timer);
        reject(new Error('server exited ' + code + ': ' + srv.stderr));
      }
    });
  });
}

export function stopServer(srv) {
  return new Promise((resolve) => {
    if (srv.proc.exitCode !== null) return resolve(srv.proc.exitCode);
    srv.proc.on('exit', (code) => resolve(code));
    srv.proc.kill('SIGTERM');
  });
}

// Run a command to completion; resolves {code, stdout, stderr}.
export function run(args, env = {}) {
  return new Promise((resolve) => {
    const proc = spawn(TACT, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => { stdout += d; });
    proc.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10000);
    proc.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}

// A raw request with full control of the headers (fetch forbids Host and
// chunked bodies). body may be a string/Buffer or an array of chunks.
export function raw(srv, { method = 'GET', path = '/', headers = {}, body = null }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, method, path, headers }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    if (Array.isArray(body)) {
      for (const c of body) req.write(c);
    } else if (body !== null) {
      req.write(body);
    }
    req.end();
  });
}

export async function postJSON(srv, path, obj, headers = {}) {
  const r = await fetch(srv.url + path.replace(/^\//, ''), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof obj === 'string' ? obj : JSON.stringify(obj),
  });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) { json = null; }
  return { status: r.status, headers: r.headers, text, json };
}
