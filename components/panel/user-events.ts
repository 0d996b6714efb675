// Only the user drives the panel: a page script that reaches an element (click(), dispatchEvent) makes
// untrusted events, and every handler in the panel ignores them. The browser marks its own events
// isTrusted (a real click, a key press, and the click that Enter or Space on a button makes). Tests whose
// DOM has no isTrusted (happy-dom) provide AcceptEvent themselves.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type AcceptEvent = (e: Event) => boolean;

export const userEventsOnly: AcceptEvent = (e) => e.isTrusted === true;

export const AcceptEventContext = createContext<AcceptEvent>(userEventsOnly);

/** Wraps handlers so they run for the user's events only. */
export function useUserEvents(): <E extends Event>(handler: (e: E) => void) => (e: E) => void {
  const accept = useContext(AcceptEventContext);
  return (handler) => (e) => {
    if (accept(e)) handler(e);
  };
}
