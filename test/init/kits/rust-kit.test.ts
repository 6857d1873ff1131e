import * as path from 'node:path';
import { describeKit } from './describe-kit';
import { KIT_CACHE, step } from './kit-run';

/**
 * The Rust kit (prometheus, tiny_http, tracing with a JSON event format): `cargo build --release
 * --locked` against the Cargo.lock init writes, as the image's `cargo install --locked` does, with
 * cargo's registry and target folder under the kit caches (the crates compile once).
 */
const CARGO_ENV = {
  CARGO_HOME: path.join(KIT_CACHE, 'cargo', 'home'),
  CARGO_TARGET_DIR: path.join(KIT_CACHE, 'cargo', 'target'),
};

describeKit({
  runtime: 'rust1.78',
  label: 'Rust',
  tools: [['cargo', ['--version']]],
  build: async (dir) => [await step('cargo', ['build', '--release', '--locked', '--quiet'], dir, CARGO_ENV)],
  start: () => [path.join(CARGO_ENV.CARGO_TARGET_DIR, 'release', 'app'), []],
});
