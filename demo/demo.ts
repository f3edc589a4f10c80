// The demo page's vendor log: what the simulated vendor received after each submission, and the
// consent receipt the proxy kept for each session, in the widget's own words and time format.
import { CHANNELS, type ChannelType } from '../src/contract/channels.js';
import { en } from '../src/widget/locales/en.js';
import { uiLocale } from '../src/widget/options.js';

interface Received {
  at: string;
  status: number | null;
  type: string;
  to: string;
  schedule_at: string | null;
  id: string | null;
}

const body = document.querySelector<HTMLTableSectionElement>('#vendor-log')!;
const columns = [...document.querySelectorAll('#vendor th')].map((th) => th.textContent!);

// Try any attribute from the address bar: /demo/?lang=ar, ?mode=inline, ?theme=dark, ?teaser=Hi
const widget = document.querySelector('agent-chat-launcher')!;
for (const [name, value] of new URLSearchParams(location.search)) widget.setAttribute(name, value);
if (widget.getAttribute('mode') === 'inline') document.querySelector('#visit')!.after(widget);

/** "Tue, Dec 1, 3:00 PM CET": as the widget's confirmation shows a time, with the zone named. */
function formatTime(time: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  return new Intl.DateTimeFormat(uiLocale(widget.lang), options).format(new Date(time));
}

/** The label the visitor chose in the widget ("Text message"), not the API's channel type. */
function channelLabel(type: string): string {
  return type in CHANNELS ? en[type as ChannelType] : type;
}

function outcome(row: Received): string {
  if (row.status === 201) return 'Started';
  if (row.status === 202 && row.schedule_at) return `Scheduled for ${formatTime(row.schedule_at)}`;
  return row.status === null ? 'No answer' : `Refused (HTTP ${row.status})`;
}

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
      const receipt = (row.id && receipts.get(row.id)) || '—';
      const cells = [formatTime(row.at), channelLabel(row.type), row.to, outcome(row), row.id ?? '—', receipt];
      cells.forEach((text, i) => {
        const td = tr.appendChild(document.createElement('td'));
        td.textContent = text;
        td.dataset.label = columns[i]; // shown before the value when narrow screens stack the cells
      });
      return tr;
    }),
  );
}

document.addEventListener('launcher-success', () => void refresh());
document.addEventListener('launcher-error', () => void refresh());
void refresh();
