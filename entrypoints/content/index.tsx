import { render } from 'preact';
import './style.css';

export default defineContentScript({
  matches: ['https://www.sellsy.com/*', 'https://www.sellsy.fr/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const ui = await createShadowRootUi(ctx, {
      name: 'resume-client-panel',
      position: 'inline',
      anchor: 'body',
      onMount: (c) => { render(<div data-testid="panel">Résumé client</div>, c); return c; },
      onRemove: (c) => c && render(null, c),
    });
    ui.mount();
  },
});
