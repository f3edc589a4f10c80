// The proxy in an Express app, configured from the environment (WHIPPY_API_KEY, WHIPPY_AGENT_ID,
// CHANNEL_* …; see the package README), beside the site's own pages and dist/embed.js.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { toNodeListener } from 'agent-chat-launcher/node';
import { createChatProxy, settingsFromEnv } from 'agent-chat-launcher/proxy';

export const settings = settingsFromEnv(process.env);

export const app = express();
// Mounted before any body parser: the proxy reads (and limits) the raw body itself. `all`, so it
// answers CORS preflights (OPTIONS) and wrong methods (405) too.
app.all(settings.server.chatPath, toNodeListener(createChatProxy(settings.proxy)));
// The widget's browser files (embed.js and the files it loads later), from the installed package.
app.use('/agent-chat-launcher', express.static(dirname(fileURLToPath(import.meta.resolve('agent-chat-launcher/embed')))));
app.use(express.static(fileURLToPath(new URL('public', import.meta.url))));
