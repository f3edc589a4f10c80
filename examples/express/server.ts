// Starts the Express app on HOST:PORT (default 127.0.0.1:8787).
import { app, settings } from './app.js';

const { host, port, chatPath } = settings.server;
app.listen(port, host, () => console.log(`listening on http://${host}:${port} (proxy at ${chatPath})`));
