import { Tabs as RadixTabs } from 'radix-ui';
import { useEffect, useRef, type ReactNode } from 'react';
import { cn } from './cn.js';

export interface TabItem {
  value: string;
  label: ReactNode;
  content: ReactNode;
}

export interface TabsProps {
  value: string;
  onValueChange: (value: string) => void;
  items: TabItem[];
  /** The accessible name of the tab list. */
  label: string;
  className?: string;
}

/** Tabs (Radix: arrow keys move between tabs, each panel labelled by its tab). */
export function Tabs({ value, onValueChange, items, label, className }: TabsProps) {
  const list = useRef<HTMLDivElement>(null);
  // In a narrow window the list scrolls sideways: keep the selected tab in view (a deep link to the last one too).
  useEffect(() => {
    list.current?.querySelector('[data-state="active"]')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [value]);
  return (
    <RadixTabs.Root value={value} onValueChange={onValueChange} className={className}>
      <RadixTabs.List ref={list} aria-label={label} className="flex gap-0.5 overflow-x-auto border-b border-slate-200 sm:gap-1 dark:border-slate-700">
        {items.map((item) => (
          <RadixTabs.Trigger
            key={item.value}
            value={item.value}
            className={cn(
              '-mb-px border-b-2 border-transparent px-2.5 py-2 text-sm sm:px-3 font-medium whitespace-nowrap text-slate-600 hover:text-slate-900',
              'data-[state=active]:border-blue-600 data-[state=active]:text-blue-700',
              'dark:text-slate-300 dark:hover:text-white dark:data-[state=active]:border-blue-400 dark:data-[state=active]:text-blue-300',
              'focus-visible:outline-2 focus-visible:outline-blue-600',
            )}
          >
            {item.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {items.map((item) => (
        <RadixTabs.Content key={item.value} value={item.value} className="pt-4 focus-visible:outline-2 focus-visible:outline-blue-600">
          {item.content}
        </RadixTabs.Content>
      ))}
    </RadixTabs.Root>
  );
}
