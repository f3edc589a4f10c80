// Types for `import X from './Component.vue'` in the framework tests (Vite's Vue template has the same).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<Record<string, unknown>, Record<string, unknown>, unknown>;
  export default component;
}
