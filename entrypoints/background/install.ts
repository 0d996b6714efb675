// First install: a welcome page says the two steps (sign in to Sellsy, open a client). Tabs already open on
// Sellsy get their toolbar mark at once, on install and on update alike; an update opens no page.
export interface InstallDeps {
  openWelcome(): Promise<unknown>;
  markOpenTabs(): Promise<void>;
}

export function createInstallHandler(deps: InstallDeps) {
  return async function onInstalled(details: { reason: string; temporary?: boolean }): Promise<void> {
    const jobs: Promise<unknown>[] = [deps.markOpenTabs()];
    if (details.reason === 'install') jobs.push(deps.openWelcome());
    // One failing (a window closing) must not keep the other from running.
    await Promise.allSettled(jobs);
  };
}
