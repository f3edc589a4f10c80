// The demo page's side panel: shows what the simulated vendor received after each submission, and
// the consent receipt the proxy kept for each session.
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

async function receiptsBySession(): Promise<Map<string | null, string>> {
  const response = await fetch('/demo/receipts');
  const receipts: Array<{ id: string; session: string | null }> = response.ok ? await response.json() : [];
  return new Map(receipts.map((receipt) => [receipt.session, receipt.id]));
}

async function refresh(): Promise<void> {
  const [response, receipts] = await Promise.all([fetch('/demo/vendor-log'), receiptsBySession()]);
  if (!response.ok) return;
  const rows: Received[] = await response.json();
  if (!rows.length) return;
  body.replaceChildren(
    ...rows.reverse().map((row) => {
      const tr = document.createElement('tr');
      const when = row.schedule_at ? new Date(row.schedule_at).toLocaleString() : 'now';
      const receipt = (row.id && receipts.get(row.id)) || '—';
      for (const text of [new Date(row.at).toLocaleTimeString(), row.type, row.to, when, row.id, receipt]) {
        tr.append(Object.assign(document.createElement('td'), { textContent: text }));
      }
      return tr;
    }),
  );
}

document.addEventListener('launcher-success', () => void refresh());
document.addEventListener('launcher-error', () => void refresh());
void refresh();
