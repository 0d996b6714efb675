import { describe, expect, it } from 'vitest';
import { recordLink } from '@/lib/sellsy-web/links';

describe('recordLink', () => {
  it.each([
    ['invoice', 12, 'https://www.sellsy.com/?_f=invoiceOverview&id=12'],
    ['estimate', 13, 'https://www.sellsy.com/?_f=estimateOverview&id=13'],
    ['order', 14, 'https://www.sellsy.com/?_f=orderOverview&id=14'],
    ['item', 15, 'https://www.sellsy.com/?_f=catalogueitem&id=15'],
    ['opportunity', 16, 'https://www.sellsy.com/prospection/opportunities/16'],
    ['client', 17, 'https://www.sellsy.com/thirds/client/17'],
    ['prospect', 18, 'https://www.sellsy.com/thirds/prospect/18'],
    ['people', 19, 'https://www.sellsy.com/peoples/19'],
  ])('%s %i', (type, id, expected) => {
    expect(recordLink('https://www.sellsy.com', type, id)).toBe(expected);
  });

  it('stays on the page origin (sellsy.fr, the local fake)', () => {
    expect(recordLink('https://www.sellsy.fr', 'invoice', 1)).toBe('https://www.sellsy.fr/?_f=invoiceOverview&id=1');
    expect(recordLink('http://127.0.0.1:4123', 'estimate', 2)).toBe('http://127.0.0.1:4123/?_f=estimateOverview&id=2');
    expect(recordLink('https://www.sellsy.fr/', 'invoice', 1)).toBe('https://www.sellsy.fr/?_f=invoiceOverview&id=1');
  });

  it('gives no link for types without a known page', () => {
    for (const type of ['credit-note', 'payment', 'comment', 'task', 'call', 'event', 'unknown', '']) {
      expect(recordLink('https://www.sellsy.com', type, 5)).toBeNull();
    }
  });

  it('gives no link for bad ids or origins', () => {
    for (const id of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) expect(recordLink('https://www.sellsy.com', 'invoice', id)).toBeNull();
    for (const origin of ['', 'nonsense', 'javascript:alert(1)', 'https://www.sellsy.com/thirds/client/1', 'data:text/html,x']) {
      expect(recordLink(origin, 'invoice', 1)).toBeNull();
    }
  });
});
