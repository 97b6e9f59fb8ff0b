import { createApi } from '../../preload/api';

// The browser stand-in for preload/index.ts: the same createApi, over HTTP instead of IPC.
window.civicdesk = createApi(async (channel, input) => {
  const response = await fetch(`/__bridge/invoke/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(input ?? null),
  });
  return response.json();
});
