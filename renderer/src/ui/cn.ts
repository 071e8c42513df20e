import { clsx, type ClassValue } from 'clsx';

/** Joins class names, skipping the falsy ones. */
export function cn(...values: ClassValue[]): string {
  return clsx(values);
}
