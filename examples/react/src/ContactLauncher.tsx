// <agent-chat-launcher> in React 19: attributes and properties as props, events as
// `on<event-name>` props, and a ref for the element's methods.
import { useRef, useState } from 'react';
import 'agent-chat-launcher/react'; // defines the element and types it in JSX
import type { AgentChatLauncher, LauncherSuccessDetail } from 'agent-chat-launcher/react';

export function ContactLauncher({ endpoint = '/api/agent-chat' }: { endpoint?: string }) {
  const launcher = useRef<AgentChatLauncher>(null);
  const [requested, setRequested] = useState<LauncherSuccessDetail | null>(null);

  return (
    <>
      <button type="button" onClick={() => launcher.current?.show()}>
        Ask us to get in touch
      </button>
      <agent-chat-launcher
        ref={launcher}
        endpoint={endpoint}
        channels="email,phone"
        business="Harbor Dental"
        strings={{ title: 'Hear from Harbor Dental' }}
        onlauncher-success={(event) => setRequested(event.detail)}
        onlauncher-error={(event) => console.warn('agent-chat-launcher:', event.detail.code)}
      />
      {requested && (
        <p role="status">
          Requested: {requested.type}, {requested.status}
        </p>
      )}
    </>
  );
}
