// `npm start`: the demo page, the widget from source, and the proxy on one origin.
// (The library builds are in scripts/build.ts.)
import { defineConfig } from 'vite';
import { demoServer } from './demo/server.js';

// PORT and HOST as for the CLI; a PORT that is taken is an error rather than a silent other port.
const port = process.env.PORT?.trim();
if (port && !/^\d{1,5}$/.test(port)) throw new Error(`PORT must be a port number, not "${port}"`);

export default defineConfig({
  server: { host: process.env.HOST?.trim() || '127.0.0.1', port: port ? Number(port) : 5173, strictPort: Boolean(port) },
  plugins: [demoServer()],
});
