// POST /comments of the local Sellsy, as the OpenAPI describes it: the bodies it refuses (and why), the comment it
// answers (CommentItem, 201) and lists afterwards, verify=true, the owner embed, the 403 of a token that may not
// write, a second credential of the same account, and the record page listing the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_RELATED_TYPES } from '../../sellsy/comments';
import {
  COLLEAGUE_NAME,
  COLLEAGUE_STAFF_ID,
  DEMO_COLLEAGUE,
  EMPTY_CLIENT_ID,
  HOSTILE_CLIENT_ID,
  INVOICING_STAFF_ID,
  LARGE_CLIENT_ID,
} from '../../sellsy/demo';
import type { FakeSellsy } from '../../sellsy/server';
import { call, start, token } from './helpers';
import { check, responseSchema } from './openapi';

let s: FakeSellsy;
let tok: string;
beforeAll(async () => {
  s = await start({ perSecondQuota: 1e6, perMinuteQuota: 1e7 });
  tok = await token(s);
});
afterAll(() => s.close());

const related = (id = EMPTY_CLIENT_ID, type = 'company') => [{ type, id }];
const commentsOf = (id: number) => s.db.accounts.invoicing.comments.filter((c) => c.company_id === id);

describe('POST /comments', () => {
  it('creates the comment, answers it as the OpenAPI describes (201), and lists it newest first with its author', async () => {
    const before = commentsOf(EMPTY_CLIENT_ID).length;
    const body = { description: '<p>Résumé <strong>partagé</strong></p>', related: related() };
    expect(check(body, { $ref: '#/components/schemas/CommentCreateItem' })).toEqual([]);
    const r = await call(s, tok, 'POST', '/comments?embed[]=owner', body);
    expect(r.status).toBe(201);
    expect(check(r.body, responseSchema('/comments', 'post', '201'))).toEqual([]);
    expect(r.body).toMatchObject({
      description: body.description,
      related: related(),
      company_id: EMPTY_CLIENT_ID,
      owner: { id: INVOICING_STAFF_ID, type: 'staff' },
      _embed: { owner: { id: INVOICING_STAFF_ID, firstname: 'Camille', lastname: 'Martin' } },
    });
    expect(Date.parse(r.body.created)).toBeGreaterThan(Date.now() - 60_000);
    expect(commentsOf(EMPTY_CLIENT_ID)).toHaveLength(before + 1);

    const list = await call(s, tok, 'POST', '/comments/search?order=created&direction=desc&limit=5&embed[]=owner', {
      filters: { related_objects: related() },
    });
    expect(list.status).toBe(200);
    expect(check(list.body, responseSchema('/comments/search', 'post'))).toEqual([]);
    expect(list.body.data[0]).toMatchObject({ id: r.body.id, _embed: { owner: { lastname: 'Martin' } } });
    const detail = await call(s, tok, 'GET', `/comments/${r.body.id}`);
    expect(check(detail.body, responseSchema('/comments/{id}', 'get'))).toEqual([]);
  });

  it('a colleague’s credentials open the same account as another staff member, who owns what they write', async () => {
    const colleague = await token(s, DEMO_COLLEAGUE);
    const me = await call(s, colleague, 'GET', '/staffs/me?embed[]=account');
    expect(me.body).toMatchObject({ id: COLLEAGUE_STAFF_ID, ...COLLEAGUE_NAME, _embed: { account: { id: 90001 } } });
    const r = await call(s, colleague, 'POST', '/comments?embed[]=owner', { description: 'Vu avec le client.', related: related() });
    expect(r.status).toBe(201);
    expect(r.body._embed.owner).toMatchObject({ id: COLLEAGUE_STAFF_ID, ...COLLEAGUE_NAME });
    const staff = await call(s, tok, 'GET', `/staffs/${COLLEAGUE_STAFF_ID}`);
    expect(staff.status).toBe(200);
    expect(check(staff.body, responseSchema('/staffs/{id}', 'get'))).toEqual([]);
  });

  it('verify=true validates without storing: 204', async () => {
    const before = commentsOf(EMPTY_CLIENT_ID).length;
    const r = await call(s, tok, 'POST', '/comments?verify=true', { description: 'x', related: related() });
    expect(r.status).toBe(204);
    expect(commentsOf(EMPTY_CLIENT_ID)).toHaveLength(before);
  });

  it('refuses what Sellsy refuses, with the Error body, and stores nothing', async () => {
    const cases: [unknown, number, string][] = [
      [[], 400, 'invalid_body'],
      [{ related: related() }, 400, 'description'],
      [{ description: '   ', related: related() }, 400, 'description'],
      [{ description: 42, related: related() }, 400, 'description'],
      [{ description: 'x', related: related(), bogus: 1 }, 400, 'bogus'],
      [{ description: 'x', related: [] }, 400, 'related'],
      [{ description: 'x', related: [...related(), ...related()] }, 400, 'related'],
      [{ description: 'x', related: [{ type: 'supplier', id: EMPTY_CLIENT_ID }] }, 400, 'related'],
      [{ description: 'x', related: [{ type: 'company', id: '48205' }] }, 400, 'related'],
      [{ description: 'x', related: [{ type: 'company', id: EMPTY_CLIENT_ID, name: 'x' }] }, 400, 'related'],
      [{ description: 'x', related: [{ type: 'company', id: 999_999 }] }, 404, 'related'],
      [{ description: 'x', related: related(), parent_id: 1 }, 404, 'parent_id'],
      [{ description: 'x', related: related(), mentioned_staff_ids: [11, 11] }, 400, 'mentioned_staff_ids'],
      [{ description: 'x', related: related(), mentioned_staff_ids: [999] }, 400, 'mentioned_staff_ids'],
      [{ description: 'x', related: related(), timetracking: { service: 1, duration: 0 } }, 400, 'timetracking'],
      [{ description: 'x', related: related(), created: 'yesterday' }, 400, 'created'],
      [{ description: 'x'.repeat(2 * 1024 * 1024 + 1), related: related() }, 413, 'payload'],
    ];
    const before = s.db.accounts.invoicing.comments.length;
    for (const [body, status, about] of cases) {
      const r = await call(s, tok, 'POST', '/comments', body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(check(r.body, { $ref: '#/components/schemas/Error' })).toEqual([]);
      expect(JSON.stringify(r.body.error).toLowerCase()).toContain(about);
    }
    expect(s.db.accounts.invoicing.comments).toHaveLength(before);
  });

  it('a token that may not write comments gets 403 and nothing is stored; reading still works', async () => {
    const before = s.db.accounts.invoicing.comments.length;
    s.options.forbidCommentWrites = true;
    try {
      const r = await call(s, tok, 'POST', '/comments', { description: 'x', related: related() });
      expect(r.status).toBe(403);
      expect(check(r.body, { $ref: '#/components/schemas/Error' })).toEqual([]);
      expect(r.body.error.details).toEqual({ scope: 'comments.write required' });
      expect((await call(s, tok, 'POST', '/comments/search', { filters: { companies: [LARGE_CLIENT_ID] } })).status).toBe(200);
    } finally {
      s.options.forbidCommentWrites = false;
    }
    expect(s.db.accounts.invoicing.comments).toHaveLength(before);
  });

  it('the related types the fake accepts are the OpenAPI enum', async () => {
    const schema = { $ref: '#/components/schemas/CommentCreateItem' };
    for (const type of COMMENT_RELATED_TYPES) expect(check({ description: 'x', related: [{ type, id: 1 }] }, schema), type).toEqual([]);
    expect(check({ description: 'x', related: [{ type: 'supplier', id: 1 }] }, schema).join()).toContain('not in enum');
  });
});

describe('record pages list the comments as Sellsy does', () => {
  it('newest first, with author and date, formatting kept and anything else escaped', async () => {
    await call(s, tok, 'POST', '/comments', {
      description: '<p>Dernier <em>point</em> <a href="x">lien</a> Durand &amp; Fils &lt;b&gt; &#60;i&#62; R&D</p>',
      related: related(LARGE_CLIENT_ID),
    });
    const html = await (await fetch(`${s.origin}/thirds/client/${LARGE_CLIENT_ID}`)).text();
    const section = (page: string) =>
      page.slice(page.indexOf('<section class="block comments"'), page.indexOf('</section>', page.indexOf('<section class="block comments"')));
    const block = section(html);
    expect(block).toMatch(/<h2>Commentaires \(\d+\)<\/h2>/);
    const first = block.slice(block.indexOf('<li class="comment"'), block.indexOf('</li>') + 5);
    expect(first).toContain('<span class="author">Camille Martin</span>');
    // Entities are kept as written (shown as text), a bare "&" is escaped, markup other than formatting too.
    expect(first).toContain('<p>Dernier <em>point</em> &lt;a href="x"&gt;lien&lt;/a&gt; Durand &amp; Fils &lt;b&gt; &#60;i&#62; R&amp;D</p>');
    const hostile = await (await fetch(`${s.origin}/thirds/client/${HOSTILE_CLIENT_ID}`)).text();
    const comments = section(hostile);
    expect(comments).not.toMatch(/<script|<img/i);
    expect(comments).toContain('&lt;script&gt;');
    // The 1 MB note is folded.
    expect(hostile.length).toBeLessThan(200_000);
  });
});
