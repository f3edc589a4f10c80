// Vite dev server: the app, and /api/agent-chat forwarded to the proxy
// (`npx agent-chat-proxy --simulate` in another terminal listens on 127.0.0.1:8787). The object form
// keeps the page's Host header (the string form rewrites it), so the proxy sees a same-origin request.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api/agent-chat': { target: 'http://127.0.0.1:8787' } } },
});
