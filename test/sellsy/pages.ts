// The Sellsy web-app pages the content script recognises, believable enough for a screenshot. No API call and
// no token here: the page only shows names from the invoicing account's seed, HTML-escaped, and a record's
// comments as Sellsy's activity feed shows them: rich text, with only harmless formatting tags kept.
import { EMPTY_CLIENT_ID, HOSTILE_CLIENT_ID, INDIVIDUAL_CLIENT_ID, LARGE_CLIENT_ID, OTHER_CLIENT_ID, PROSPECT_ID, SUPPLIER_ID } from './demo';
import type { AccountDb, Obj } from './seed';

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const TYPE_LABEL: Record<string, string> = { client: 'Client', prospect: 'Prospect', supplier: 'Fournisseur' };

function displayName(t: Obj): string {
  return t.name ?? [t.first_name, t.last_name].filter(Boolean).join(' ');
}
function findThird(db: AccountDb, id: number): Obj | undefined {
  return db.companies.find((c) => c.id === id) ?? db.individuals.find((c) => c.id === id);
}

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font-family: Arial, Helvetica, sans-serif; background: #f3f5f9; color: #1f2a44; }
  /* Aggressive page rules: the extension's shadow-root panel must not inherit them. */
  div { font-family: serif !important; }
  button { background: red !important; color: yellow !important; }
  p { margin: 40px !important; }
  .nav { position: fixed; left: 0; top: 0; bottom: 0; width: 64px; background: #0d2a5c; display: flex; flex-direction: column; align-items: center; padding-top: 12px; gap: 18px; }
  .nav a { color: #c9d6f0; text-decoration: none; font-size: 11px; text-align: center; }
  .nav .logo { width: 36px; height: 36px; border-radius: 8px; background: #ffb100; color: #0d2a5c; font-weight: bold; display: flex; align-items: center; justify-content: center; }
  .top { margin-left: 64px; height: 56px; background: #fff; border-bottom: 1px solid #dde3ee; display: flex; align-items: center; padding: 0 24px; gap: 16px; }
  .top input { width: 360px; padding: 8px 12px; border: 1px solid #cfd8e6; border-radius: 6px; }
  main { margin-left: 64px; padding: 24px; }
  h1 { margin: 0 0 6px; font-size: 24px; }
  .badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-size: 12px; background: #e0ecff; color: #0d4fb3; }
  .badge.prospect { background: #fff2d6; color: #9a6200; } .badge.supplier { background: #e8f6ee; color: #1d7a46; }
  .tabs { display: flex; gap: 4px; border-bottom: 1px solid #dde3ee; margin: 18px 0; }
  .tabs a { padding: 10px 16px; color: #51607a; text-decoration: none; }
  .tabs a.active { color: #0d4fb3; border-bottom: 2px solid #0d4fb3; }
  .tabs { align-items: center; }
  .legacy-menu { margin: 18px 0; color: #51607a; }
  .blocks { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
  .block { background: #fff; border: 1px solid #dde3ee; border-radius: 8px; padding: 16px; }
  .block h2 { font-size: 14px; margin: 0 0 10px; color: #51607a; text-transform: uppercase; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  td, th { padding: 10px; border-bottom: 1px solid #eef1f6; text-align: left; }
  .block.comments { grid-column: 1 / -1; }
  .comment { list-style: none; border-top: 1px solid #eef1f6; padding: 10px 0; }
  .comments ul { margin: 0; padding: 0; }
  .comment .meta { color: #51607a; font-size: 12px; margin-bottom: 4px; }
  .comment .author { font-weight: bold; color: #1f2a44; }
  .comment .body { overflow-wrap: anywhere; font-size: 14px; line-height: 1.45; }
  .comment .body ul { padding-left: 20px; }
  .comment .body p { margin: 4px 0 !important; }
`;

// Sellsy is a single-page app: links between thirds change the URL without a reload. The new page's <main>
// is fetched from this server (HTML, not the API) and swapped in; Back does the same.
const SCRIPT = `
  window.__pageLoads = (window.__pageLoads || 0) + 1;
  function swap(href) {
    return fetch(href, { credentials: 'omit' }).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var next = doc.querySelector('main');
      var main = document.querySelector('main');
      if (next && main) main.innerHTML = next.innerHTML;
      document.title = doc.title;
      renderLater();
      window.dispatchEvent(new CustomEvent('fake-sellsy:navigated', { detail: { href: href } }));
    });
  }
  // Like a JavaScript app, the record's tabs come a moment after the page: the extension must find them late.
  function renderLater() {
    setTimeout(function () {
      document.querySelectorAll('template[data-render-later]').forEach(function (t) { t.replaceWith(t.content); });
    }, 120);
  }
  renderLater();
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[data-spa]') : null;
    if (!a) return;
    e.preventDefault();
    var href = a.getAttribute('href');
    history.pushState({ spa: true }, '', href);
    var t = document.getElementById('spa-title');
    if (t) t.textContent = a.getAttribute('data-title') || '';
    swap(href);
  });
  window.addEventListener('popstate', function () { swap(location.pathname + location.search); });
`;

function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)} - Sellsy</title>
<style>${STYLE}</style></head>
<body>
<nav class="nav"><div class="logo">S</div><a href="/">Accueil</a><a href="/" data-nav="crm">CRM</a><a href="/">Ventes</a><a href="/">Factu.</a><a href="/">Réglages</a></nav>
<header class="top"><input placeholder="Rechercher un client, un document…" aria-label="Rechercher"><span>Atelier Lumière (démo)</span></header>
<main>${body}</main>
<script>${SCRIPT}</script>
</body></html>`;
}

// A record's own tabs as a component library renders them (an ARIA tab list), drawn by the page's script
// after load; Sellsy's "Résumé IA" feature is one of them. The extension's control goes beside them (lib/sellsy-web/selectors.ts).
const RECORD_TABS = `<template data-render-later><nav class="tabs" role="tablist" aria-label="Onglets de la fiche">
<a role="tab" aria-selected="true" class="active" href="#">Aperçu</a><a role="tab" aria-selected="false" href="#">Documents</a><a role="tab" aria-selected="false" href="#">Activité</a><a role="tab" aria-selected="false" href="#">Résumé IA</a>
</nav></template>`;
// The old interface (`/?_f=third…`) has a plain menu and no tab bar: the control floats there.
const LEGACY_MENU = `<div class="legacy-menu"><span>Aperçu</span> · <span>Documents</span> · <span>Activité</span> · <span>Résumé IA</span></div>`;

function thirdLink(t: Obj, route: string): string {
  const name = displayName(t);
  const badge = TYPE_LABEL[t.type] ?? t.type;
  return `<a data-spa href="/thirds/${route}/${t.id}" data-title="${escapeHtml(name)}" data-badge="${escapeHtml(badge)}">${escapeHtml(name)}</a>`;
}

function home(db: AccountDb): string {
  const ids = [LARGE_CLIENT_ID, INDIVIDUAL_CLIENT_ID, PROSPECT_ID, SUPPLIER_ID, EMPTY_CLIENT_ID, HOSTILE_CLIENT_ID, OTHER_CLIENT_ID];
  const rows = ids
    .map((id) => findThird(db, id))
    .filter((t): t is Obj => !!t)
    .map((t) => {
      const route = t.last_name !== undefined ? 'client' : t.type;
      return `<tr><td>${thirdLink(t, route)}</td><td><span class="badge ${escapeHtml(t.type)}">${escapeHtml(TYPE_LABEL[t.type] ?? t.type)}</span></td><td>${escapeHtml(t.email ?? '')}</td></tr>`;
    })
    .join('');
  return shell(
    'Tiers',
    `<h1 id="spa-title">Tiers</h1><span id="spa-badge" class="badge">Annuaire</span>
<div class="tabs"><a class="active" href="/">Tous</a><a href="/">Clients</a><a href="/">Prospects</a><a href="/">Fournisseurs</a></div>
<table><thead><tr><th>Nom</th><th>Type</th><th>E-mail</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** Comment descriptions are HTML written by anyone: only bare formatting tags stay markup, the rest shows as text. */
const RICH_TAG = /^<(\/?)(p|br|b|strong|i|em|u|ul|ol|li)\s*\/?>$/i;
const ENTITY = /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});$/i;
/** A long note is cut on the page, as a feed would fold it. */
const SHOWN_CHARS = 30_000;
/** Comments listed on a record page, newest first. */
const SHOWN_COMMENTS = 20;

export function commentHtml(description: unknown): string {
  const text = typeof description === 'string' ? description : '';
  const cut = text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
  // One pass over tags, entities and stray characters: an entity stays an entity (text, never markup).
  return cut.replace(/<[^<>]*>|&[#a-z0-9]*;?|[<>]/gi, (m) => {
    const tag = RICH_TAG.exec(m);
    if (tag) return `<${tag[1]}${tag[2]!.toLowerCase()}>`;
    if (ENTITY.test(m)) return m;
    return m.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  });
}

function commentsBlock(db: AccountDb, t: Obj): string {
  const kind = t.last_name !== undefined ? 'individual' : 'company';
  const mine = db.comments
    .filter((c) => (Array.isArray(c.related) && c.related.some((r: Obj) => r.type === kind && r.id === t.id)) || c[`${kind}_id`] === t.id)
    .sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || b.id - a.id);
  const items = mine
    .slice(0, SHOWN_COMMENTS)
    .map((c) => {
      const staff = db.staffs.find((s) => s.id === c.owner?.id);
      const author = staff ? `${staff.firstname} ${staff.lastname}` : 'Utilisateur';
      const when = new Date(Date.parse(c.created)).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
      return `<li class="comment" data-comment-id="${c.id}"><div class="meta"><span class="author">${escapeHtml(author)}</span> · ${escapeHtml(when)}</div><div class="body">${commentHtml(c.description)}</div></li>`;
    })
    .join('');
  return `<section class="block comments" data-comments="${mine.length}"><h2>Commentaires (${mine.length})</h2><ul>${items}</ul></section>`;
}

function thirdPage(db: AccountDb, id: number, routeType: string, legacy = false): { status: number; html: string } {
  const t = findThird(db, id);
  if (!t) return { status: 404, html: shell('Introuvable', `<h1>Fiche introuvable</h1><p>Aucun tiers n°${id}.</p>`) };
  const name = displayName(t);
  const badge = TYPE_LABEL[t.type] ?? t.type;
  const others = [LARGE_CLIENT_ID, INDIVIDUAL_CLIENT_ID, OTHER_CLIENT_ID, EMPTY_CLIENT_ID]
    .filter((x) => x !== id)
    .map((x) => findThird(db, x))
    .filter((x): x is Obj => !!x)
    .map((x) => `<li>${thirdLink(x, 'client')}</li>`)
    .join('');
  return {
    status: 200,
    html: shell(
      name,
      `<div class="third" data-third-id="${id}" data-third-type="${escapeHtml(routeType)}">
<h1 id="spa-title">${escapeHtml(name)}</h1><span id="spa-badge" class="badge ${escapeHtml(t.type)}">${escapeHtml(badge)}</span>
${legacy ? LEGACY_MENU : RECORD_TABS}
<div class="blocks">
<section class="block"><h2>Coordonnées</h2><div>${escapeHtml(t.email ?? '—')}</div><div>${escapeHtml(t.phone_number ?? t.mobile_number ?? '—')}</div><div>Réf. ${escapeHtml(t.reference ?? '—')}</div></section>
<section class="block"><h2>Informations</h2><div>Créé le ${escapeHtml(String(t.created ?? '').slice(0, 10))}</div><div>Secteur : ${escapeHtml(t.business_segment?.label ?? '—')}</div><button type="button">Modifier</button></section>
<section class="block"><h2>Autres fiches</h2><ul>${others}</ul></section>
${commentsBlock(db, t)}
</div></div>`,
    ),
  };
}

/** The HTML for a web-app URL, or null when the URL is not a page of the fake. */
export function renderPage(db: AccountDb, url: URL): { status: number; html: string } | null {
  const p = url.pathname;
  if (p === '/' || p === '/index.html') {
    if (url.searchParams.get('_f') === 'third') {
      const id = Number(url.searchParams.get('thirdid'));
      return thirdPage(db, Number.isInteger(id) ? id : -1, url.searchParams.get('thirdtype') ?? 'client', true);
    }
    return { status: 200, html: home(db) };
  }
  let m = /^\/thirds\/(client|prospect|supplier)\/(\d+)(?:\/[\w-]*)?\/?$/.exec(p);
  if (m) return thirdPage(db, Number(m[2]), m[1]!);
  m = /^\/peoples\/(\d+)\/?$/.exec(p);
  if (m) {
    const c = db.contacts.find((x) => x.id === Number(m![1]));
    const name = c ? `${c.first_name} ${c.last_name}` : `Contact ${m[1]}`;
    return {
      status: c ? 200 : 404,
      html: shell(
        name,
        `<h1 id="spa-title">${escapeHtml(name)}</h1><span class="badge">Contact</span>
<div class="tabs"><a class="active" href="#">Aperçu</a><a href="#">Activité</a></div><div class="blocks"><section class="block"><h2>Coordonnées</h2><div>${escapeHtml(c?.email ?? '—')}</div></section></div>`,
      ),
    };
  }
  return null;
}
