const originalIcon = '/favicon.svg';

// The app's shield with a badge: green when everything finished well, red when something needs attention.
function badgeIcon(color: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1864ab"/><path d="M16 5 7 9v6c0 6 4 10 9 12 5-2 9-6 9-12V9z" fill="#fff"/><circle cx="24" cy="24" r="8" fill="${color}" stroke="#fff" stroke-width="2"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** Shows on the tab's icon whether finished watches are waiting to be seen, and whether any needs attention. */
export function setFaviconBadge(badge: 'none' | 'finished' | 'attention'): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) return;
  link.href = badge === 'none' ? originalIcon : badgeIcon(badge === 'attention' ? '#c92a2a' : '#2b8a3e');
}
