/**
 * A display formula wider than its column scrolls sideways; one that scrolls must be reachable by
 * keyboard (WCAG 2.1.1), so it gets a tab stop and a name, and loses them when it fits again.
 * Measured on the page, so it is run again whenever the column changes width.
 */
export function focusableWideFormulas(root: HTMLElement): void {
  for (const formula of root.querySelectorAll<HTMLElement>('.katex-display')) {
    const scrolls = formula.scrollWidth > formula.clientWidth + 1;
    if (scrolls && formula.tabIndex !== 0) {
      formula.tabIndex = 0;
      formula.setAttribute('role', 'group');
      formula.setAttribute('aria-label', 'Formula (scrolls sideways)');
    } else if (!scrolls && formula.tabIndex === 0) {
      for (const name of ['tabindex', 'role', 'aria-label']) formula.removeAttribute(name);
    }
  }
}

/** Keeps the rule as the column is resized (a side panel opened, the window narrowed). */
export function watchWideFormulas(root: HTMLElement): void {
  new ResizeObserver(() => focusableWideFormulas(root)).observe(root);
}
