import './zod-jitless';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import NoTokenApp from './NoTokenApp.vue';
import { installApi } from './api';
import { selectTransport } from './api/transport';
import { i18n } from './i18n';
import { router } from './router';
import { useConnectionStore } from './stores/connection';

const transport = selectTransport(window);
if (transport.kind === 'no-token') {
  createApp(NoTokenApp).use(i18n).mount('#app');
} else {
  installApi(transport.bridge);
  const pinia = createPinia();
  const app = createApp(App).use(pinia).use(router).use(i18n);
  if (transport.kind === 'ws') useConnectionStore(pinia).track(transport.bridge);
  app.mount('#app');
}
