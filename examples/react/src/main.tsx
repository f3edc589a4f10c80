// Mounts the app; the launcher is one component among others.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ContactLauncher } from './ContactLauncher';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ContactLauncher />
  </StrictMode>,
);
