// The local Sellsy's demo account: credentials and the ids tests and the e2e run point at.
// Ids are per account in Sellsy: the sales-only account reuses every id below with other data.

export const DEMO = { clientId: 'demo-client', clientSecret: 'demo-secret' } as const;
export const DEMO_SALES = { clientId: 'demo-sales-client', clientSecret: 'demo-sales-secret' } as const;
/** A second user of the invoicing account (another staff member): what a colleague's browser is configured with. */
export const DEMO_COLLEAGUE = { clientId: 'demo-colleague-client', clientSecret: 'demo-colleague-secret' } as const;

/** The company's private API app for "Sign in with Sellsy" (authorization code + PKCE), open to both accounts' staff. */
export const DEMO_APP = { clientId: 'demo-app', clientSecret: 'demo-app-secret', name: 'Résumé client (démo)' } as const;
/** Who can sign in on the local Sellsy's authorization page: one staff member of each account. */
export const DEMO_USERS = {
  invoicing: { email: 'camille@atelier-lumiere.example', password: 'lumiere-demo' },
  sales: { email: 'lea@studio-ventes.example', password: 'ventes-demo' },
} as const;

export const INVOICING_ACCOUNT = { id: 90001, name: 'Atelier Lumière (démo)' } as const;
export const SALES_ACCOUNT = { id: 90002, name: 'Studio Ventes (démo)' } as const;

/** Company, client, ~450 invoices over five years and everything else. */
export const LARGE_CLIENT_ID = 48201;
/** Individual (B2C), client. */
export const INDIVIDUAL_CLIENT_ID = 48202;
/** Company, prospect: its estimate and comment must not be fetched by the extension. */
export const PROSPECT_ID = 48203;
/** Company, supplier. */
export const SUPPLIER_ID = 48204;
/** Company, client, with no document and no activity. */
export const EMPTY_CLIENT_ID = 48205;
/** Company, client, whose name, subjects and notes hold markup, RTL marks, zero-width chars, emoji and a 1 MB note. */
export const HOSTILE_CLIENT_ID = 48206;
/** Company, client, whose documents sit beside the large client's and must never leak into its summary. */
export const OTHER_CLIENT_ID = 48207;

/** A contact of the other client whose id equals LARGE_CLIENT_ID: a filter that ignores `type` would leak it. */
export const COLLIDING_CONTACT_ID = LARGE_CLIENT_ID;
/** The large client's main contact. */
export const LARGE_CLIENT_CONTACT_ID = 7301;

export const INVOICING_STAFF_ID = 11;
export const SALES_STAFF_ID = 12;
/** DEMO_COLLEAGUE's staff member in the invoicing account. */
export const COLLEAGUE_STAFF_ID = 13;
export const COLLEAGUE_NAME = { firstname: 'Julien', lastname: 'Morel' } as const;
