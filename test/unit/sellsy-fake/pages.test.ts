// The Sellsy web-app pages served by the local Sellsy: routes, escaped names, no API call, hostile page styles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMPTY_CLIENT_ID,
  HOSTILE_CLIENT_ID,
  INDIVIDUAL_CLIENT_ID,
  LARGE_CLIENT_CONTACT_ID,
  LARGE_CLIENT_ID,
  PROSPECT_ID,
  SUPPLIER_ID,
} from '../../sellsy/demo';
import { escapeHtml } from '../../sellsy/pages';
import type { FakeSellsy } from '../../sellsy/server';
import { start } from './helpers';

let s: FakeSellsy;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s.close());

async function page(path: string) {
  const r = await fetch(s.origin + path);
  return { status: r.status, type: r.headers.get('content-type'), html: await r.text() };
}

describe('web-app pages', () => {
  it("serves every client route with the name, the type badge, the tabs and the page's aggressive styles", async () => {
    const cases: [string, string, string][] = [
      [`/thirds/client/${LARGE_CLIENT_ID}`, 'Hôtellerie Durand &amp; Fils', 'Client'],
      [`/thirds/client/${INDIVIDUAL_CLIENT_ID}`, 'Sophie Lefèvre', 'Client'],
      [`/thirds/prospect/${PROSPECT_ID}`, 'Brasserie du Canal', 'Prospect'],
      [`/thirds/supplier/${SUPPLIER_ID}`, 'Verrerie Artisanale Lemoine', 'Fournisseur'],
      [`/thirds/client/${EMPTY_CLIENT_ID}`, 'Cabinet Moreau Conseil', 'Client'],
      [`/?_f=third&thirdid=${LARGE_CLIENT_ID}&thirdtype=client`, 'Hôtellerie Durand &amp; Fils', 'Client'],
      [`/thirds/client/${LARGE_CLIENT_ID}/opportunity?contextId=false`, 'Hôtellerie Durand &amp; Fils', 'Client'],
    ];
    for (const [path, name, badge] of cases) {
      const p = await page(path);
      expect(p.status, path).toBe(200);
      expect(p.type).toContain('text/html');
      expect(p.html).toContain(`<h1 id="spa-title">${name}</h1>`);
      expect(p.html).toContain(`>${badge}</span>`);
      for (const tab of ['Aperçu', 'Documents', 'Activité', 'Résumé IA']) expect(p.html).toContain(tab);
      expect(p.html).toContain('div { font-family: serif !important; }');
      expect(p.html).toContain('button { background: red !important');
    }
    expect((await page(`/peoples/${LARGE_CLIENT_CONTACT_ID}`)).html).toContain('Henri Durand');
    const home = await page('/');
    expect(home.status).toBe(200);
    expect(home.html).toContain(`href="/thirds/client/${LARGE_CLIENT_ID}"`);
    expect(home.html).toContain(`href="/thirds/client/${INDIVIDUAL_CLIENT_ID}"`);
  });

  it("escapes the hostile client's name", async () => {
    const p = await page(`/thirds/client/${HOSTILE_CLIENT_ID}`);
    const name = s.db.accounts.invoicing.companies.find((c) => c.id === HOSTILE_CLIENT_ID)!.name as string;
    expect(p.html).toContain(escapeHtml(name));
    expect(p.html).not.toContain('<script>alert(1)</script>');
    expect(p.html).not.toContain('<img src=x');
    // The only scripts are the page's own navigation script.
    expect(p.html.match(/<script>/g)).toHaveLength(1);
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });

  it('links between clients use history.pushState, and pages call no API', async () => {
    s.resetLog();
    const p = await page(`/thirds/client/${LARGE_CLIENT_ID}`);
    expect(p.html).toContain('history.pushState');
    expect(p.html).toMatch(/<a data-spa href="\/thirds\/client\/\d+"/);
    expect(p.html).not.toContain('/v2/');
    expect(p.html).not.toContain('access-tokens');
    expect(s.log.map((e) => e.path)).toEqual([`/thirds/client/${LARGE_CLIENT_ID}`]);
  });

  it('answers 404 for an unknown third or path', async () => {
    expect((await page('/thirds/client/1')).status).toBe(404);
    expect((await page('/thirds/client/abc')).status).toBe(404);
    expect((await page('/?_f=third&thirdid=zz&thirdtype=client')).status).toBe(404);
    expect((await page('/nothing/here')).status).toBe(404);
  });
});
