import { Dialog as RadixDialog } from 'radix-ui';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from './cn.js';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: ReactNode;
  /** 'center' (default) for forms and confirmations, 'left' for a navigation drawer. */
  placement?: 'center' | 'left';
  className?: string;
}

/** A modal dialog (Radix: focus trapped, Escape closes, titled for screen readers). */
export function Dialog({ open, onOpenChange, title, description, children, placement = 'center', className }: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-950/50" />
        <RadixDialog.Content
          className={cn(
            'fixed z-50 flex flex-col bg-white text-slate-900 shadow-xl dark:bg-slate-900 dark:text-slate-100',
            placement === 'center'
              ? 'top-1/2 left-1/2 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg p-5'
              : 'inset-y-0 left-0 w-72 max-w-[85vw] overflow-y-auto p-4',
            className,
          )}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <div className="mb-3 flex items-start justify-between gap-4">
            <RadixDialog.Title className="text-lg font-semibold">{title}</RadixDialog.Title>
            <RadixDialog.Close
              aria-label="Close"
              className="rounded-md p-1 text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-400 dark:hover:bg-slate-800"
            >
              <X className="h-5 w-5" aria-hidden />
            </RadixDialog.Close>
          </div>
          {description && <RadixDialog.Description className="mb-4 text-sm text-slate-600 dark:text-slate-300">{description}</RadixDialog.Description>}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Wrap a button in this to close the enclosing dialog when it is clicked. */
export const DialogClose = RadixDialog.Close;
