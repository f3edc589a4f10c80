// The proxy as a Cloudflare Worker, configured from the Worker's variables and secrets
// (`wrangler secret put WHIPPY_API_KEY`; WHIPPY_AGENT_ID, CHANNEL_* … as [vars]).
import { createChatProxy, settingsFromEnv, type ChatProxyHandler } from 'agent-chat-launcher/proxy';

let handler: ChatProxyHandler | undefined;

export default {
  async fetch(request: Request, env: Record<string, string | undefined>): Promise<Response> {
    if (new URL(request.url).pathname !== '/api/agent-chat') return new Response('Not found', { status: 404 });
    handler ??= createChatProxy(settingsFromEnv(env).proxy);
    // Cloudflare tells the Worker who is calling; per-IP limits need it.
    return handler(request, { clientIp: request.headers.get('CF-Connecting-IP') ?? undefined });
  },
};
