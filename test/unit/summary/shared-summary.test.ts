// Finding the newest shared summary of a client (one request) and judging it against the live data: its LLM
// texts are reused only for the same data, in the same language, when every number and cited record in them
// is the live summary's; otherwise they are outdated, and the view says what changed.
import { describe, expect, it } from 'vitest';
import type { SellsyApi } from '../../../lib/sellsy/api';
import { renderSharedComment, sharedBlockOf } from '../../../lib/summary/shared-comment';
import { findSharedSummary, judgeShared, SHARED_LOOKUP_LIMIT, type SharedComment, withSharedTexts } from '../../../lib/summary/shared-summary';
import type { Summary } from '../../../lib/summary/types';
import { CLIENT_ID, invoice } from '../cards/fixture';
import { computed, sampleData } from './team-fixture';

const CLIENT = { type: 'company', id: CLIENT_ID } as const;
const TEXT = 'Le client est satisfait de la dernière livraison et attend une proposition pour la terrasse.';
const RECS = [
  {
    action: 'Envoyer la proposition pour la terrasse',
    reason: 'Le client l’attend depuis la dernière visite.',
    evidence: [{ type: 'comment', id: 61 }],
  },
  { action: 'Relancer la facture en retard', reason: 'Elle reste à régler depuis le mois dernier.', evidence: [{ type: 'invoice', id: 3 }] },
];
const llm = (s: Summary, interactions = TEXT, items = RECS): Summary => ({
  ...s,
  interactions: { ...s.interactions, summary: interactions, generatedBy: 'llm' },
  recommendations: { items, generatedBy: 'llm' },
});

async function sharedFrom(shared: Summary, facts: Awaited<ReturnType<typeof computed>>['facts']): Promise<SharedComment> {
  return { commentId: 9001, created: '2026-11-29T10:00:00+01:00', author: 'Camille Martin', block: sharedBlockOf(shared, facts, 'abcdef123456') };
}

describe('judging a shared summary against the live data', () => {
  it('same data, same language, texts that pass: reused, and only the texts change', async () => {
    const live = await computed(sampleData());
    const found = await sharedFrom(llm(live.summary), live.facts);
    const { view, reuse } = judgeShared(found, live.summary, live.facts);
    expect(view).toMatchObject({ commentId: 9001, author: 'Camille Martin', sameData: true, changed: [], texts: 'reused', outdatedBecause: null });
    expect(reuse).toEqual({ interactions: TEXT, recommendations: RECS });
    const shown = withSharedTexts(live.summary, reuse!);
    expect(shown.interactions).toMatchObject({ summary: TEXT, generatedBy: 'llm' });
    expect(shown.recommendations.generatedBy).toBe('llm');
    expect({ ...shown, interactions: live.summary.interactions, recommendations: live.summary.recommendations }).toEqual(live.summary);
  });

  it('a text that states a live figure passes; one that states any other number is outdated', async () => {
    const live = await computed(sampleData());
    const good = judgeShared(
      await sharedFrom(llm(live.summary, `${TEXT} Le total des achats atteint 1 950,00 € HT.`), live.facts),
      live.summary,
      live.facts,
    );
    expect(good.view.texts).toBe('reused');
    const bad = judgeShared(
      await sharedFrom(llm(live.summary, `${TEXT} Le total des achats atteint 12 345,00 € HT.`), live.facts),
      live.summary,
      live.facts,
    );
    expect(bad.view).toMatchObject({ texts: 'outdated', outdatedBecause: 'numbers', sameData: true });
    expect(bad.reuse).toBeNull();
    expect(bad.view.outdatedTexts?.interactions).toContain('12 345,00');
  });

  it('a recommendation citing a record the live summary does not have is outdated', async () => {
    const live = await computed(sampleData());
    const forged = [{ ...RECS[0]!, evidence: [{ type: 'invoice', id: 4242 }] }, RECS[1]!];
    const { view, reuse } = judgeShared(await sharedFrom(llm(live.summary, TEXT, forged), live.facts), live.summary, live.facts);
    expect(view.texts).toBe('outdated');
    expect(reuse).toBeNull();
  });

  it('other data: outdated, with the parts that changed', async () => {
    const before = await computed(sampleData());
    const d = sampleData();
    const live = await computed({ ...d, invoices: [...d.invoices!, invoice({ id: 5, status: 'due', date: '2026-11-28' })] });
    const { view, reuse } = judgeShared(await sharedFrom(llm(before.summary), before.facts), live.summary, live.facts);
    expect(view).toMatchObject({ sameData: false, changed: ['invoices'], texts: 'outdated', outdatedBecause: 'data' });
    expect(view.outdatedTexts).toEqual({ interactions: TEXT, recommendations: RECS });
    expect(reuse).toBeNull();
  });

  it('another language: outdated', async () => {
    const live = await computed(sampleData());
    const english = { ...llm(live.summary), language: 'en' };
    const { view } = judgeShared(await sharedFrom(english, live.facts), live.summary, live.facts);
    expect(view).toMatchObject({ sameData: true, texts: 'outdated', outdatedBecause: 'language' });
  });

  it('a summary shared with the rules’ texts: nothing to reuse, nothing outdated', async () => {
    const live = await computed(sampleData());
    const { view, reuse } = judgeShared(await sharedFrom(live.summary, live.facts), live.summary, live.facts);
    expect(view).toMatchObject({ texts: 'none', sameData: true, outdatedTexts: null });
    expect(reuse).toBeNull();
  });

  it('a live summary without facts (cached by an older version) is never the same data', async () => {
    const live = await computed(sampleData());
    const { view, reuse } = judgeShared(await sharedFrom(llm(live.summary), live.facts), live.summary, null);
    expect(view).toMatchObject({ sameData: false, texts: 'outdated', outdatedBecause: 'data' });
    expect(view.changed).toHaveLength(6);
    expect(reuse).toBeNull();
  });
});

function commentsApi(comments: unknown[]): SellsyApi & { posts: { path: string; body: unknown; query: unknown }[] } {
  const posts: { path: string; body: unknown; query: unknown }[] = [];
  const no = async () => {
    throw new Error('not used');
  };
  return {
    posts,
    get: no,
    searchAll: no,
    batchGet: no,
    async post<T>(path: string, body: unknown, query?: unknown): Promise<T> {
      posts.push({ path, body, query });
      return { data: comments, pagination: { limit: 10, count: comments.length, total: comments.length, offset: '' } } as T;
    },
    stats: () => ({ requests: posts.length, retries: 0, quota429: 0, bytes: 0, batchSubRequests: 0 }),
  };
}

describe('finding the newest shared summary', () => {
  it('one small request: the client’s newest comments with their authors; the newest real share wins', async () => {
    const { summary, facts } = await computed(sampleData());
    const older = renderSharedComment(summary, sharedBlockOf({ ...summary, generatedAt: '2026-11-01T08:00:00.000Z' }, facts, 'olderone1234'));
    const newer = renderSharedComment(summary, sharedBlockOf(summary, facts, 'newerone1234'));
    const rel = [{ type: 'company', id: CLIENT_ID }];
    const api = commentsApi([
      { id: 5, created: '2026-11-29T09:00:00+01:00', related: rel, description: '<p>Un commentaire.</p>' },
      // Looks like ours, with a script: plain text, not a share.
      { id: 4, created: '2026-11-28T09:00:00+01:00', related: rel, description: `<script>x</script>${newer}` },
      // A share of this client attached to another record: not trusted to be about it.
      { id: 6, created: '2026-11-29T11:00:00+01:00', related: [{ type: 'company', id: 1 }], description: newer },
      {
        id: 3,
        created: '2026-11-27T09:00:00+01:00',
        related: rel,
        description: newer,
        _embed: { owner: { firstname: 'Julien', lastname: 'Morel' } },
      },
      { id: 2, created: '2026-11-02T09:00:00+01:00', related: rel, description: older },
    ]);
    const found = await findSharedSummary(api, CLIENT);
    expect(found).toMatchObject({ commentId: 3, author: 'Julien Morel', created: '2026-11-27T09:00:00+01:00', block: { id: 'newerone1234' } });
    expect(api.posts).toEqual([
      {
        path: '/comments/search',
        body: { filters: { related_objects: [{ type: 'company', id: CLIENT_ID }] } },
        query: { limit: SHARED_LOOKUP_LIMIT, order: 'created', direction: 'desc', 'embed[]': ['owner'] },
      },
    ]);
  });

  it('no share, an odd answer: null', async () => {
    expect(await findSharedSummary(commentsApi([{ id: 1, created: '2026-11-29T09:00:00+01:00', related: [], description: 'x' }]), CLIENT)).toBeNull();
    const odd = commentsApi([]);
    odd.post = async <T>() => ({ nothing: true }) as T;
    expect(await findSharedSummary(odd, CLIENT)).toBeNull();
  });
});
