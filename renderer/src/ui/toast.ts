import { toast } from 'sonner';
import { describeError } from './states.js';

/** Toasts for the result of an action (sonner; the <Toaster/> is mounted once by the app's providers). */
export const notify = {
  success(message: string): void {
    toast.success(message);
  },
  /** A failed action: what was tried as the title, the engine's message and hint below it. */
  error(title: string, error?: unknown): void {
    const { message, hint } = describeError(error);
    const description = [message, hint].filter(Boolean).join(' ');
    toast.error(title, description ? { description } : undefined);
  },
};
