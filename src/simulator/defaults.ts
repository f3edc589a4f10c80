// Demo settings shared by the simulator and `agent-chat-proxy --simulate`: nothing here is a real credential.

/** The key, agent and channels the simulator accepts out of the box. */
export const SIMULATOR_DEFAULTS = {
  apiKey: 'sim-demo-key-not-a-secret',
  agentId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  channels: {
    phone: '+14155550100',
    whatsapp: '+14155550101',
    email: 'agent@example.com',
  },
} as const;
