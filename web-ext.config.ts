import { defineWebExtConfig } from 'wxt';

// wxt dev would launch a headed browser; this machine has no display.
export default defineWebExtConfig({ disabled: true });
