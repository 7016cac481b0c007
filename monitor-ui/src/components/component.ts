/**
 * The shape of every dashboard component: built from data and options, it owns one DOM
 * element, redraws from new data with `update`, and releases listeners and timers on `destroy`.
 */
export interface Component<D> {
  readonly element: HTMLElement;
  update(data: D): void;
  destroy(): void;
}

/** Creates an element with a class and optional test id, the way every component starts. */
export function createElement<K extends keyof HTMLElementTagNameMap>(
  tag: K, className?: string, testId?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (testId) element.dataset.testid = testId;
  return element;
}
