// An <a> that navigates inside the app without reloading the page; a click with a modifier key
// or the middle button keeps the browser's behaviour (open in a new tab, and so on).

import type { ComponentChildren, JSX } from 'preact';
import { navigate } from '../router';

type AnchorProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'>;

export interface LinkProps extends AnchorProps {
  href: string;
  children: ComponentChildren;
  /** Called after the navigation, e.g. to close the menu. */
  onNavigate?: () => void;
}

export function Link({ href, children, onNavigate, ...rest }: LinkProps) {
  function onClick(event: MouseEvent) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
    onNavigate?.();
  }
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
