// `npm start`: the demo page, the widget from source, and the proxy on one origin.
// (The library builds are in scripts/build.ts.)
import { defineConfig } from 'vite';
import { demoServer } from './demo/server.js';

export default defineConfig({
  server: { host: '127.0.0.1', port: 5173 },
  plugins: [demoServer()],
});
