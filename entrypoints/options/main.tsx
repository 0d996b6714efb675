// Wiring only: the options page's model talks to the background with runtime messages and asks for
// the LLM's host permission from the Save click.
import { render } from 'preact';
import '@/components/options/options.css';
import { createOptionsModel, type Send } from '@/components/options/model';
import { OptionsPage } from '@/components/options/OptionsPage';

const send: Send = (type, payload) => browser.runtime.sendMessage({ type, payload });

const model = createOptionsModel({
  send,
  requestOrigin: (pattern) => browser.permissions.request({ origins: [pattern] }),
  browserLanguage: navigator.language,
});
render(<OptionsPage model={model} />, document.getElementById('app')!);
void model.load();
