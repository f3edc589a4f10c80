'use client';
// The launcher as a client component. Its import runs on the server too while Next.js renders
// the page: the package is safe there (no DOM needed), and React renders the tag with its
// attributes; the browser upgrades it on hydration.
import { useState } from 'react';
import 'agent-chat-launcher/react'; // defines the element and types it in JSX
import type { LauncherSuccessDetail } from 'agent-chat-launcher/react';

export function ContactLauncher() {
  const [requested, setRequested] = useState<LauncherSuccessDetail | null>(null);
  return (
    <>
      <agent-chat-launcher
        endpoint="/api/agent-chat"
        channels="phone,whatsapp,email"
        business="Harbor Dental"
        onlauncher-success={(event) => setRequested(event.detail)}
      />
      {requested && <p role="status">We will be in touch by {requested.type}.</p>}
    </>
  );
}
