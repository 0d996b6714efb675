import type { ComponentChildren } from 'preact';

export function Card({ name, title, children }: { name: string; title: string; children: ComponentChildren }) {
  const headingId = `card-${name}`;
  return (
    <section class="card" data-card={name} aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {children}
    </section>
  );
}
