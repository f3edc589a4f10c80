// Mounts the app; the launcher is one component among others.
import { createApp } from 'vue';
import ContactLauncher from './ContactLauncher.vue';

createApp(ContactLauncher).mount('#app');
