// The classic-script entry: defines the element and mounts one from its own <script data-*> tag.
import { TAG_NAME } from './define.js';

const script = document.currentScript;
const endpoint = script?.dataset.endpoint;
const mounted = () => [...document.querySelectorAll(TAG_NAME)].some((el) => el.getAttribute('endpoint') === endpoint);
if (script && endpoint) {
  const element = document.createElement(TAG_NAME);
  for (const [name, value] of Object.entries(script.dataset)) {
    element.setAttribute(name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()), value ?? '');
  }
  const mount = () => mounted() || document.body.append(element);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}
