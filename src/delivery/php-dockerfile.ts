import { PHP_START_COMMAND } from '../init/kits/php-kit';

/**
 * The PHP row's image recipe (read by dockerfiles.ts): php-fpm with an nginx in front, in the
 * app's own container. The platform reaches the app over HTTP only (the set's nginx and the
 * scraper on 8081, the kubelet's probes on 8082) and php-fpm speaks FastCGI only, so the
 * image adds Debian's nginx; the contract kit's `contract/start.sh` runs both as uid 1000 and
 * stops them gracefully. No development server (`php -S`) in production.
 */
export const PHP_RECIPE = {
  run: [
    '# nginx answers HTTP on 8081 and 8082 and hands each request to php-fpm (FastCGI, a unix socket).',
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends nginx \\',
    '    && rm -rf /var/lib/apt/lists/*',
    '@USER',
    'WORKDIR /app',
    'COPY . .',
  ],
  start: JSON.stringify(PHP_START_COMMAND),
  expects: 'the contract kit vibe init writes (contract/, with start.sh, nginx.conf and php-fpm.conf) and the site under public/ (public/index.php), with its vendor/ folder if it uses Composer',
} as const;
