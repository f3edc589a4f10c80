// Vite dev server: the app, and /api/agent-chat forwarded to the proxy
// (`npx agent-chat-proxy --simulate` in another terminal listens on 127.0.0.1:8787).
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      // Without this, Vue looks for a Vue component named agent-chat-launcher and warns.
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'agent-chat-launcher' } },
    }),
  ],
  server: { proxy: { '/api/agent-chat': 'http://127.0.0.1:8787' } },
});
