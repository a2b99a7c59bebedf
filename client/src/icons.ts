/**
 * Icons as inline SVG paths: emoji glyphs depend on a font the learner may not have (Chromium on a
 * bare Linux shows empty boxes), while a path draws the same everywhere and takes the text colour.
 */
const paths = {
  up: 'M7 10v11H3V10h4zm2 11h8.5a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 19 10h-5l.8-4.2A1.7 1.7 0 0 0 13.1 4L9 10v11z',
  down: 'M7 14V3H3v11h4zm2-11h8.5a2 2 0 0 1 2 1.6l1.4 7A2 2 0 0 1 19 14h-5l.8 4.2a1.7 1.7 0 0 1-1.7 1.8L9 14V3z',
  copy: 'M8 8V4h12v12h-4M4 8h12v12H4z',
  stop: 'M6 6h12v12H6z',
  send: 'M3 20l18-8L3 4v6l12 2-12 2z',
  theme: 'M12 3a9 9 0 1 0 0 18V3z M12 3a9 9 0 0 1 0 18',
  close: 'M6 6l12 12M18 6L6 18',
  check: 'M5 12l5 5L19 7',
} as const;

export type IconName = keyof typeof paths;

export function icon(name: IconName): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `icon icon-${name}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', paths[name]);
  svg.append(path);
  return svg;
}

/** A button that shows an icon and names itself for screen readers and on hover. */
export function iconButton(name: IconName, label: string, className = 'icon-button'): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.setAttribute('aria-label', label);
  button.title = label;
  button.append(icon(name));
  return button;
}
