// A server component page; only the launcher is a client component.
import { ContactLauncher } from './contact-launcher';

export default function Page() {
  return (
    <main>
      <h1>Harbor Dental</h1>
      <ContactLauncher />
    </main>
  );
}
