// The proxy in an Express app, configured from the environment (WHIPPY_API_KEY, WHIPPY_AGENT_ID,
// CHANNEL_* …; see the package README), beside the site's own pages and dist/embed.js.
import express from 'express';
import { toNodeListener } from 'agent-chat-launcher/node';
import { createChatProxy, settingsFromEnv } from 'agent-chat-launcher/proxy';

export const settings = settingsFromEnv(process.env);

export const app = express();
// Mounted before any body parser: the proxy reads (and limits) the raw body itself. `all`, so it
// answers CORS preflights (OPTIONS) and wrong methods (405) too.
app.all(settings.server.chatPath, toNodeListener(createChatProxy(settings.proxy)));
app.use(express.static('public'));
