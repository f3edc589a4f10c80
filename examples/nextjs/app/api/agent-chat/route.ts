// The proxy as a Next.js route handler (Node.js runtime), configured from the environment:
// WHIPPY_API_KEY, WHIPPY_AGENT_ID, CHANNEL_PHONE / CHANNEL_WHATSAPP / CHANNEL_EMAIL, … (see the
// package README). Created on the first request, so `next build` needs no secrets.
import { createChatProxy, settingsFromEnv, type ChatProxyHandler } from 'agent-chat-launcher/proxy';

export const runtime = 'nodejs';

let handler: ChatProxyHandler | undefined;

export function POST(request: Request): Promise<Response> {
  // Behind Vercel or another reverse proxy, set TRUST_PROXY=true so limits see the visitor's IP.
  handler ??= createChatProxy(settingsFromEnv(process.env).proxy);
  return handler(request);
}

// CORS preflights, for when ALLOWED_ORIGINS lets pages on other origins call this route.
export const OPTIONS = POST;
