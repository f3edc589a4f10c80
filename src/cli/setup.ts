// Builds the proxy handler (and the simulator, when simulating) from SPEC §5 settings:
// shared by the `agent-chat-proxy` CLI and the `npm start` demo server.
import { createChatProxy, type ChatProxyHandler, type ProxySettings } from '../proxy/index.js';
import { createSimulator, type Simulator } from '../simulator/index.js';

export interface ProxySetup {
  handler: ChatProxyHandler;
  /** The in-process vendor, when simulating. */
  simulator?: Simulator;
}

export function setUpProxy(settings: ProxySettings, simulate: boolean): ProxySetup {
  const { proxy } = settings;
  const simulator = simulate ? createSimulator({ apiKey: proxy.apiKey, agentId: proxy.agentId, channels: proxy.channels ?? {} }) : undefined;
  const handler = createChatProxy({ ...proxy, ...(simulator && { fetch: simulator.fetch }) });
  return { handler, simulator };
}
