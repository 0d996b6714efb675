import { describe, expect, it } from 'vitest';
import { detectPage, isLoopbackOrigin, isPageRef, parseId } from '@/lib/sellsy-web/detect';

describe('detectPage on Sellsy', () => {
  it.each([
    ['https://www.sellsy.com/thirds/client/43168168', 'client', 43168168, 'https://www.sellsy.com'],
    ['https://www.sellsy.fr/thirds/client/12', 'client', 12, 'https://www.sellsy.fr'],
    ['https://www.sellsy.com/thirds/client/43168168/opportunity?contextId=false', 'client', 43168168, 'https://www.sellsy.com'],
    ['https://www.sellsy.com/thirds/client/5/', 'client', 5, 'https://www.sellsy.com'],
    ['https://www.sellsy.com/thirds/prospect/77', 'prospect', 77, 'https://www.sellsy.com'],
    ['https://www.sellsy.com/thirds/prospect/77?createOpportunity=1', 'prospect', 77, 'https://www.sellsy.com'],
    ['https://www.sellsy.fr/thirds/supplier/9/documents', 'supplier', 9, 'https://www.sellsy.fr'],
    ['https://www.sellsy.com/peoples/301', 'people', 301, 'https://www.sellsy.com'],
    ['https://www.sellsy.com/peoples/301/thirds', 'people', 301, 'https://www.sellsy.com'],
    ['https://www.sellsy.fr/?_f=third&thirdid=44&thirdtype=client', 'client', 44, 'https://www.sellsy.fr'],
    ['https://www.sellsy.fr/?thirdtype=prospect&thirdid=45&_f=third', 'prospect', 45, 'https://www.sellsy.fr'],
    ['https://www.sellsy.com/index.php?_f=third&thirdid=46&thirdtype=supplier', 'supplier', 46, 'https://www.sellsy.com'],
    ['https://WWW.SELLSY.COM/thirds/client/8#notes', 'client', 8, 'https://www.sellsy.com'],
    ['https://www.sellsy.com:443/thirds/client/8', 'client', 8, 'https://www.sellsy.com'],
  ])('%s → %s %i', (url, thirdType, id, origin) => {
    expect(detectPage(url)).toEqual({ thirdType, id, origin });
  });

  it.each([
    // look-alike hosts and other sites
    'https://www.sellsy.com.evil.example/thirds/client/1',
    'https://evil.example/thirds/client/1',
    'https://evil.example/?u=https://www.sellsy.com/thirds/client/1',
    'https://sellsy.com/thirds/client/1',
    'https://app.sellsy.com/thirds/client/1',
    'https://go.sellsy.com/companies/1',
    'https://wwwsellsy.com/thirds/client/1',
    'https://www.sellsy.com@evil.example/thirds/client/1',
    'https://user:pw@www.sellsy.com/thirds/client/1',
    'http://www.sellsy.com/thirds/client/1',
    'https://www.sellsy.com:8443/thirds/client/1',
    'ftp://www.sellsy.com/thirds/client/1',
    // ids that are not ids
    'https://www.sellsy.com/thirds/client/abc',
    'https://www.sellsy.com/thirds/client/-3',
    'https://www.sellsy.com/thirds/client/0',
    'https://www.sellsy.com/thirds/client/007',
    'https://www.sellsy.com/thirds/client/1.5',
    'https://www.sellsy.com/thirds/client/1e3',
    'https://www.sellsy.com/thirds/client/99999999999999999999',
    'https://www.sellsy.com/thirds/client/%31',
    'https://www.sellsy.com/thirds/client/',
    'https://www.sellsy.com/peoples/x',
    // other pages and types
    'https://www.sellsy.com/thirds/contact/1',
    'https://www.sellsy.com/thirds/Client/1',
    'https://www.sellsy.com/directory/prospects',
    'https://www.sellsy.com/prospection/opportunities/12',
    'https://www.sellsy.com/x/thirds/client/1',
    'https://www.sellsy.com/?_f=invoiceOverview&id=12',
    'https://www.sellsy.com/?_f=third&thirdid=12&thirdtype=people',
    'https://www.sellsy.com/?_f=third&thirdid=12',
    'https://www.sellsy.com/?_f=third&thirdid=abc&thirdtype=client',
    'https://www.sellsy.com/other?_f=third&thirdid=12&thirdtype=client',
    // not URLs at all
    '',
    'not a url',
    '/thirds/client/1',
    'javascript:alert(1)//www.sellsy.com/thirds/client/1',
  ])('rejects %s', (url) => {
    expect(detectPage(url)).toBeNull();
  });
});

describe('detectPage on loopback (local builds)', () => {
  it.each([
    ['http://127.0.0.1:5123/thirds/client/48201', 'http://127.0.0.1:5123'],
    ['http://localhost:8080/thirds/client/48201/opportunity', 'http://localhost:8080'],
    ['http://localhost/thirds/client/48201', 'http://localhost'],
  ])('%s only when allowed', (url, origin) => {
    expect(detectPage(url)).toBeNull();
    expect(detectPage(url, { allowLocal: false })).toBeNull();
    expect(detectPage(url, { allowLocal: true })).toEqual({ thirdType: 'client', id: 48201, origin });
  });

  it.each([
    'http://127.0.0.2:5123/thirds/client/1',
    'http://localhost.evil.example/thirds/client/1',
    'http://192.168.1.10/thirds/client/1',
    'file:///thirds/client/1',
  ])('never accepts %s', (url) => {
    expect(detectPage(url, { allowLocal: true })).toBeNull();
  });

  it('tells loopback origins apart', () => {
    expect(isLoopbackOrigin('http://127.0.0.1:4000')).toBe(true);
    expect(isLoopbackOrigin('http://localhost')).toBe(true);
    expect(isLoopbackOrigin('https://www.sellsy.com')).toBe(false);
    expect(isLoopbackOrigin('http://127.0.0.1:4000/v2')).toBe(false);
    expect(isLoopbackOrigin('nonsense')).toBe(false);
  });
});

describe('parseId and isPageRef', () => {
  it('parses only plain positive integers', () => {
    expect(parseId('42')).toBe(42);
    expect(parseId('9007199254740991')).toBe(9007199254740991);
    expect(parseId('9007199254740993')).toBeNull();
    for (const bad of [null, undefined, '', '0', '01', '+1', ' 1', '1 ', '0x10', '١٢']) expect(parseId(bad)).toBeNull();
  });

  it('checks a PageRef received over a message', () => {
    expect(isPageRef({ thirdType: 'client', id: 3, origin: 'https://www.sellsy.com' })).toBe(true);
    expect(isPageRef({ thirdType: 'client', id: 3, origin: 'https://www.sellsy.com/' })).toBe(false);
    expect(isPageRef({ thirdType: 'client', id: 3, origin: 'https://evil.example' })).toBe(false);
    expect(isPageRef({ thirdType: 'company', id: 3, origin: 'https://www.sellsy.com' })).toBe(false);
    expect(isPageRef({ thirdType: 'client', id: '3', origin: 'https://www.sellsy.com' })).toBe(false);
    expect(isPageRef({ thirdType: 'client', id: 3.5, origin: 'https://www.sellsy.com' })).toBe(false);
    expect(isPageRef({ thirdType: 'client', id: 3, origin: 'http://127.0.0.1:9' })).toBe(false);
    expect(isPageRef({ thirdType: 'client', id: 3, origin: 'http://127.0.0.1:9' }, { allowLocal: true })).toBe(true);
    expect(isPageRef(null)).toBe(false);
    expect(isPageRef('client/3')).toBe(false);
  });
});
