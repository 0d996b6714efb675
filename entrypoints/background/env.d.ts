/** Set by wxt.config.ts from RESUME_LOCAL_SELLSY=1: true only in local builds (demo, e2e). */
declare const __LOCAL_SELLSY__: boolean;
