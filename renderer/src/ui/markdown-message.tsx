import { Fragment, type ReactNode } from 'react';
import { cn } from './cn.js';

const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g;
const CODE = /`([^`\n]+)`/g;

/**
 * A message from the engine, shown as text: `[text](https://…)` becomes a link opened outside the window
 * (a new tab in web mode; the desktop shell hands new windows to the OS browser) and `code` is set in mono.
 * Nothing else is interpreted, so no raw markdown and no HTML ever reach the page.
 */
export function MarkdownMessage({ text, className }: { text: string; className?: string }) {
  return <p className={cn('break-words', className)}>{renderLinks(text)}</p>;
}

function renderLinks(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const index = match.index ?? 0;
    parts.push(...renderCode(text.slice(last, index), parts.length));
    parts.push(
      <a key={`link-${index}`} href={match[2]} target="_blank" rel="noopener noreferrer" className="font-medium underline underline-offset-2">
        {match[1]}
      </a>,
    );
    last = index + match[0].length;
  }
  parts.push(...renderCode(text.slice(last), parts.length));
  return parts;
}

function renderCode(text: string, keyBase: number): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(CODE)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(<Fragment key={`${keyBase}-t-${index}`}>{text.slice(last, index)}</Fragment>);
    parts.push(
      <code key={`${keyBase}-c-${index}`} className="rounded bg-slate-900/10 px-1 py-0.5 font-mono text-[0.85em] dark:bg-white/10">
        {match[1]}
      </code>,
    );
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(<Fragment key={`${keyBase}-t-end`}>{text.slice(last)}</Fragment>);
  return parts;
}
