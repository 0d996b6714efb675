// The straightforward client the benchmark compares us with: what a first integration would write.
// Sequential, default page size (25), one detail call per document, no batch, no field trimming, no cache.
// It fetches the same data as loadClient, so request counts and times are comparable.

interface Page<T> {
  pagination: { count: number; limit: number; offset: string | number | null };
  data: T[];
}

export async function naiveLoad(
  apiUrl: string,
  tokenUrl: string,
  clientId: string,
  clientSecret: string,
  companyId: number,
): Promise<{ requests: number }> {
  let requests = 0;
  const tokenRes = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  requests += 1;
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    // The naive client still has to survive a 429: it waits one second and tries again.
    for (;;) {
      requests += 1;
      const res = await fetch(apiUrl + path, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 429 || res.status >= 500) {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
      return (await res.json()) as T;
    }
  }
  async function all<T>(resource: string, filters: unknown): Promise<T[]> {
    const out: T[] = [];
    let offset: string | number | null = null;
    for (;;) {
      const q: string = offset == null ? '' : `?offset=${encodeURIComponent(String(offset))}`;
      const page: Page<T> = await call<Page<T>>('POST', `/${resource}/search${q}`, { filters });
      out.push(...page.data);
      if (page.data.length < page.pagination.limit || page.pagination.offset == null) return out;
      offset = page.pagination.offset;
    }
  }

  await call('GET', `/companies/${companyId}`);
  await call('GET', '/staffs/me?embed[]=licenses&embed[]=account');
  const rel = { related_objects: [{ type: 'company', id: companyId }] };
  const invoices = await all<{ id: number }>('invoices', rel);
  const creditNotes = await all<{ id: number }>('credit-notes', rel);
  const estimates = await all<{ id: number }>('estimates', rel);
  await all('payments', rel);
  await all('opportunities', rel);
  for (const r of ['comments', 'tasks', 'phone-calls', 'calendar-events']) await all(r, { companies: [companyId] });
  const itemIds = new Set<number>();
  for (const [path, docs] of [
    ['invoices', invoices],
    ['credit-notes', creditNotes],
    ['estimates', estimates],
  ] as const) {
    for (const d of docs) {
      const detail = await call<{ rows?: { type: string; related?: { id: number } }[] }>('GET', `/${path}/${d.id}`);
      for (const row of detail.rows ?? []) if (row.type === 'catalog' && row.related) itemIds.add(row.related.id);
    }
  }
  for (const id of itemIds) await call('GET', `/items/${id}`);
  return { requests };
}
