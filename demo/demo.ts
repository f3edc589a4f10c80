// The demo page's side panel: shows what the simulated vendor received after each submission.
interface Received {
  at: string;
  type: string;
  to: string;
  schedule_at: string | null;
  id: string;
}

const body = document.querySelector<HTMLTableSectionElement>('#vendor-log')!;

// Try any attribute from the address bar: /demo/?lang=ar, ?mode=inline, ?theme=dark, ?teaser=Hi
const widget = document.querySelector('agent-chat-launcher')!;
for (const [name, value] of new URLSearchParams(location.search)) widget.setAttribute(name, value);
if (widget.getAttribute('mode') === 'inline') document.querySelector('#visit')!.after(widget);

async function refresh(): Promise<void> {
  const response = await fetch('/demo/vendor-log');
  if (!response.ok) return;
  const rows: Received[] = await response.json();
  if (!rows.length) return;
  body.replaceChildren(
    ...rows.reverse().map((row) => {
      const tr = document.createElement('tr');
      const when = row.schedule_at ? new Date(row.schedule_at).toLocaleString() : 'now';
      for (const text of [new Date(row.at).toLocaleTimeString(), row.type, row.to, when, row.id]) {
        tr.append(Object.assign(document.createElement('td'), { textContent: text }));
      }
      return tr;
    }),
  );
}

document.addEventListener('launcher-success', () => void refresh());
document.addEventListener('launcher-error', () => void refresh());
void refresh();
