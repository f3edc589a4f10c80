// Vite dev server: the app, and /api/agent-chat forwarded to the proxy
// (`npx agent-chat-proxy --simulate` in another terminal listens on 127.0.0.1:8787).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api/agent-chat': 'http://127.0.0.1:8787' } },
});
