import { Outlet } from '@tanstack/react-router';
import { Menu } from 'lucide-react';
import { useState } from 'react';
import { useConnectionStatus } from '../../api/api-context.js';
import { useFirstRunRedirect } from '../../features/onboarding/hooks/use-first-run-redirect.js';
import { Button } from '../../ui/button.js';
import { Dialog } from '../../ui/dialog.js';
import { EngineToasts } from '../../features/notifications/components/EngineToasts.js';
import { ConnectionNotice } from './ConnectionNotice.js';
import { GatewayControl } from './GatewayControl.js';
import { NavLinks } from './NavLinks.js';
import { ThemeMenu } from './ThemeMenu.js';

/**
 * The window's frame: a header (name, gateway state and Start/Stop, theme), the section navigation on the left
 * (a drawer behind a menu button below 768 px), and the current page. An expired link replaces everything with
 * what to do, since nothing else can work.
 */
export function AppLayout() {
  const connection = useConnectionStatus();
  const [menuOpen, setMenuOpen] = useState(false);
  useFirstRunRedirect();

  if (connection.state === 'unauthorized') {
    return (
      <main className="min-h-screen px-4">
        <ConnectionNotice connection={connection} />
      </main>
    );
  }

  return (
    <div className="flex min-h-screen flex-col">
      <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-slate-200 bg-white/95 px-3 backdrop-blur sm:px-4 dark:border-slate-800 dark:bg-slate-900/95">
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open navigation" onClick={() => setMenuOpen(true)}>
          <Menu className="h-5 w-5" aria-hidden />
        </Button>
        <span className="flex items-center gap-2 text-base font-semibold tracking-tight">
          <span className="flex h-7 w-7 items-center justify-center rounded-md bg-blue-600 text-sm font-bold text-white" aria-hidden>
            S
          </span>
          Switchyard
        </span>
        <div className="ml-auto flex items-center gap-1 sm:gap-3">
          <GatewayControl />
          <ThemeMenu />
        </div>
      </header>
      <ConnectionNotice connection={connection} />
      <EngineToasts />
      <div className="flex flex-1">
        <nav
          aria-label="Sections"
          className="hidden w-56 shrink-0 border-r border-slate-200 bg-slate-100/60 p-3 md:block dark:border-slate-800 dark:bg-slate-900/40"
        >
          <NavLinks />
        </nav>
        <Dialog open={menuOpen} onOpenChange={setMenuOpen} title="Switchyard" placement="left">
          <nav aria-label="Sections">
            <NavLinks onNavigate={() => setMenuOpen(false)} />
          </nav>
        </Dialog>
        <main className="min-w-0 flex-1 px-4 py-5 sm:px-6 lg:px-8">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
