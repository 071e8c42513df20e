import { Activity, Boxes, LayoutGrid, MonitorSmartphone, Rocket, Settings, ShieldCheck } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';

export interface NavItem {
  to: '/catalog' | '/servers' | '/clients' | '/activity' | '/policies' | '/settings' | '/welcome';
  label: string;
  icon: LucideIcon;
}

/** The window's sections, in the order the navigation lists them. */
export const navItems: NavItem[] = [
  { to: '/catalog', label: 'Catalog', icon: LayoutGrid },
  { to: '/servers', label: 'My servers', icon: Boxes },
  { to: '/clients', label: 'Clients', icon: MonitorSmartphone },
  { to: '/activity', label: 'Activity', icon: Activity },
  { to: '/policies', label: 'Policies', icon: ShieldCheck },
  { to: '/settings', label: 'Settings', icon: Settings },
  { to: '/welcome', label: 'Getting started', icon: Rocket },
];
