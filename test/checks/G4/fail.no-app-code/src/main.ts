// Only vibe-env's answers: the repository has no app yet.
import { VibeApp } from 'vibe-env';

VibeApp.synthesize({ slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' } });
