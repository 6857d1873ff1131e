import { VibeApp } from 'vibe-env';

VibeApp.synthesize({
  slug: 'inventory-checker',
  name: 'Inventory Checker',
  image: { repository: 'inventory-checker-app', tag: 'a3f91bc' },
  size: 'md',
  components: { postgres: true, redis: true, nginx: true },
  ingress: { enabled: true, tls: true },
});
