// The engine's plain text of CRM HTML: words kept, markup gone, hostile shapes handled in one pass.
import { describe, expect, it } from 'vitest';
import { stripHtml } from '../../../lib/format/crm-text';

describe('stripHtml (card engine)', () => {
  it('keeps the words, turns block ends into lines and decodes entities', () => {
    expect(stripHtml('<p>Bonjour&nbsp;<b>Mme</b> Martin &amp; co</p><div>Suite<br/>fin</div>')).toBe('Bonjour Mme Martin & co\nSuite\nfin');
    expect(stripHtml('a <script>alert(1)</script> b <!-- x --> c <style>p{}</STYLE > d')).toBe('a b c d');
    expect(stripHtml('prix < 100 et > 50')).toBe('prix < 100 et > 50');
    // An entity that names no character stays as written.
    expect(stripHtml('x &#xD800; &bogus; &#65; y')).toBe('x &#xD800; &bogus; A y');
  });

  it('hostile shapes: unclosed openers by the ten thousand give the text before them, not a stalled worker', () => {
    expect(stripHtml(`keep ${'<script>x'.repeat(100_000)}`)).toBe('keep');
    expect(stripHtml(`keep ${'<!--'.repeat(100_000)}`)).toBe('keep');
    expect(stripHtml(`a ${'<a '.repeat(100_000)}b>ok`)).toBe(`a ${'<a '.repeat(99_999).trimEnd()} ok`);
  });
});
