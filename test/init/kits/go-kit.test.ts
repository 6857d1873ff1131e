import * as path from 'node:path';
import { describeKit } from './describe-kit';
import { KIT_CACHE, step } from './kit-run';

/**
 * The Go kit (client_golang, log/slog): `go mod download` then a static `go build`, as the
 * image's build stage does, with the module and build caches under the kit caches. The
 * checksum database is not reachable from here: go.sum (written by init) is what verifies.
 */
const GO_ENV = {
  GOMODCACHE: path.join(KIT_CACHE, 'go', 'mod'),
  GOCACHE: path.join(KIT_CACHE, 'go', 'build'),
  GOSUMDB: 'off',
  GOFLAGS: '-mod=readonly',
  CGO_ENABLED: '0',
  GOTOOLCHAIN: 'local',
};

describeKit({
  runtime: 'go1.23',
  label: 'Go',
  tools: [['go', ['version']]],
  build: async (dir) => {
    const download = await step('go', ['mod', 'download'], dir, GO_ENV);
    if (download.status !== 0) return [download];
    return [download, await step('go', ['build', '-trimpath', '-o', 'app-bin', '.'], dir, GO_ENV)];
  },
  start: (dir) => [path.join(dir, 'app-bin'), []],
});
