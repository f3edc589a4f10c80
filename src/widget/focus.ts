// The one place that knows which element inside the widget stands for what: focus moves,
// and the launcher and panel the positioning follows, are asked for here by name.

const TARGETS = {
  launcher: '.launcher',
  panel: '.panel',
  heading: '#title',
  choice: 'input[name=type]:checked',
  contact: '#contact',
  schedule_at: '#schedule_at',
  consent: '#consent',
  retry: '#retry',
  submit: '[part=submit]',
  done: '#done-title',
};
export type Target = keyof typeof TARGETS;

export function find(root: ParentNode, target: Target): HTMLElement | null {
  return root.querySelector(TARGETS[target]);
}

/** Focuses the first of `targets` that is rendered; returns whether one was. */
export function focusFirst(root: ParentNode, ...targets: Target[]): boolean {
  for (const target of targets) {
    const element = find(root, target);
    if (element) {
      element.focus();
      return true;
    }
  }
  return false;
}
